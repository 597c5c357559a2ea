using Microsoft.AspNetCore.Mvc;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// The dashboard filters as the query string carries them, bound by the framework for pages, the API and
/// record exports alike: region, year or from/to months (yyyy-MM), and repeatable district, measure, group
/// (1–3), sex (female/male) and age band codes. <see cref="FilterQuery.Resolve"/> checks and resolves them.
/// The public may give one district, one measure, whole quarters, and one value of at most two of group,
/// sex and age (ADR 0010); staff may combine any.
/// </summary>
public sealed class FilterRequest
{
    /// <summary>Region code; the first region when absent.</summary>
    [FromQuery(Name = "region")]
    public string? Region { get; set; }

    /// <summary>Calendar year; ignored when from/to are given.</summary>
    [FromQuery(Name = "year")]
    public string? Year { get; set; }

    /// <summary>First month of the period, yyyy-MM.</summary>
    [FromQuery(Name = "from")]
    public string? From { get; set; }

    /// <summary>Last month of the period, yyyy-MM.</summary>
    [FromQuery(Name = "to")]
    public string? To { get; set; }

    /// <summary>District or city codes (repeat the parameter).</summary>
    [FromQuery(Name = "district")]
    public string[]? District { get; set; }

    /// <summary>Support measure codes (repeat the parameter).</summary>
    [FromQuery(Name = "measure")]
    public string[]? Measure { get; set; }

    /// <summary>Disability groups: 1, 2 or 3 (repeat the parameter).</summary>
    [FromQuery(Name = "group")]
    public string[]? Group { get; set; }

    /// <summary>Sexes: female or male (repeat the parameter).</summary>
    [FromQuery(Name = "sex")]
    public string[]? Sex { get; set; }

    /// <summary>Age bands, age in the year of the event: under-30, 30-39, 40-49, 50-59, 60-plus.</summary>
    [FromQuery(Name = "age")]
    public string[]? Age { get; set; }

    /// <summary>The values given for a query key, trimmed, empty ones dropped.</summary>
    public IReadOnlyList<string> Values(string key) => (key switch
    {
        "region" => [Region],
        "year" => [Year],
        "from" => [From],
        "to" => [To],
        "district" => District ?? [],
        "measure" => Measure ?? [],
        "group" => Group ?? [],
        "sex" => Sex ?? [],
        "age" => Age ?? [],
        _ => Array.Empty<string?>(),
    }).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
}
