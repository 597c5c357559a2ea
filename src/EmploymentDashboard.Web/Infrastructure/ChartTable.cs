using System.Globalization;
using System.Text.Json;
using EmploymentDashboard.Data.Disclosure;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>A row (category) of a chart and its table, e.g. a district or a month; <see cref="Href"/> links to its own page.</summary>
public sealed record ChartCategory(string Code, string Label, string? Href = null);

/// <summary>A series of a chart and a column of its table; <see cref="Total"/> is the table's total row cell, if any.</summary>
public sealed record ChartSeries(string Code, string Label, IReadOnlyList<DisclosedValue> Values, DisclosedValue? Total = null)
{
    /// <summary>True for rates (e.g. per 1,000), which are not counts of people and are not subject to the small-count rule.</summary>
    public bool IsRate { get; init; }
}

/// <summary>
/// A chart and the HTML table of exactly the same numbers, with a one-sentence summary. Rendered by
/// Pages/Shared/_ChartTable.cshtml; the chart reads its data from JSON in a non-executable element.
/// </summary>
public sealed record ChartTable
{
    /// <summary>Unique on the page; used for element ids and the PNG file name.</summary>
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>"bar" (vertical), "hbar" (horizontal) or "line".</summary>
    public string Kind { get; init; } = "bar";

    public bool Stacked { get; init; }

    public required string CategoryHeader { get; init; }

    public required IReadOnlyList<ChartCategory> Categories { get; init; }

    public required IReadOnlyList<ChartSeries> Series { get; init; }

    public required string Summary { get; init; }

    /// <summary>Label of the total row; null when the table has none.</summary>
    public string? TotalLabel { get; init; }

    /// <summary>Anchor on the Definitions page of the indicator this table shows.</summary>
    public string? Definition { get; init; }

    public required int Threshold { get; init; }

    public bool HasSuppressedValues => Series.Any(s => s.Values.Any(v => v.IsSuppressed) || s.Total is { IsSuppressed: true });

    /// <summary>The chart's data: withheld values are null (a gap) and flagged, never their number.</summary>
    public string ChartJson() => JsonSerializer.Serialize(new
    {
        kind = Kind,
        stacked = Stacked,
        labels = Categories.Select(c => c.Label),
        categories = Categories.Select(c => c.Code),
        datasets = Series.Select(s => new
        {
            code = s.Code,
            label = s.Label,
            kind = s.IsRate ? "rate" : "count",
            data = s.Values.Select(v => v.Value),
            suppressed = s.Values.Select(v => v.IsSuppressed),
        }),
    });

    public string Display(DisclosedValue value, CultureInfo culture) => value.Display(culture, Threshold);
}
