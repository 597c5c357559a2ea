using System.Text.RegularExpressions;
using EmploymentDashboard.Data.Csv;
using EmploymentDashboard.Data.Disclosure;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// The open-data API: every dashboard table as JSON at a stable, versioned URL,
/// /api/v1/{dashboard}/{table}?filters, with the same filters and the same disclosure rules as the page
/// (the dashboard is rendered for the caller and its table read back, so the API cannot disagree with
/// the screen). Dashboards: overview, districts, districts/{code}, measures/{code}, quotas, grants,
/// context, map. The OpenAPI document is at /api/v1/openapi.json.
/// </summary>
public static partial class OpenDataApi
{
    public const string Prefix = "/api/v1";

    public const string DocumentPath = "/api/v1/openapi.json";

    private static readonly HashSet<string> _dashboards = ["overview", "districts", "measures", "quotas", "grants", "context", "map"];

    /// <summary>Turns /api/v1/districts/abay-district/TABLE?q into /districts/abay-district?q&amp;export=TABLE&amp;format=json.</summary>
    public static void Rewrite(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (path is null || !path.StartsWith(Prefix + "/", StringComparison.OrdinalIgnoreCase) || path.Equals(DocumentPath, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var match = ApiPath().Match(path[Prefix.Length..]);
        if (!match.Success || !_dashboards.Contains(match.Groups["dashboard"].Value.ToLowerInvariant()))
        {
            // Left as is: nothing matches it, so it answers 404.
            return;
        }

        var dashboard = match.Groups["dashboard"].Value.ToLowerInvariant();
        var page = dashboard == "overview" ? "/" : "/" + dashboard + (match.Groups["code"].Success ? "/" + match.Groups["code"].Value : string.Empty);
        var query = QueryHelpers.ParseQuery(context.Request.QueryString.Value)
            .Where(q => q.Key is not (TableExport.QueryKey or "format"))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new(TableExport.QueryKey, match.Groups["table"].Value))
            .Append(new("format", "json"));
        context.Request.Path = page;
        context.Request.QueryString = QueryString.Create(query);
    }

    /// <summary>The JSON of a table: columns with codes and labels, rows of cells with value and, when withheld, the reason.</summary>
    public static object ToJson(ExportTable table, HttpRequest request) => new
    {
        table = table.Id,
        title = table.Title,
        audience = table.IsPublic ? "public" : "staff",
        source = request.GetEncodedPathAndQuery(),
        columns = table.Columns.Select(c => new { code = c.Code, label = c.Label, figure = c.IsFigure }),
        rows = table.Rows.Select(row => row.Select((cell, i) => Cell(cell, table.Columns[i].IsFigure))),
    };

    private static object? Cell(object? cell, bool isFigure) => cell switch
    {
        DisclosedValue { IsSuppressed: true } or DisclosedRate { IsSuppressed: true } => new { value = (decimal?)null, suppressed = true, reason = ExportTable.Flag(cell) },
        DisclosedValue v => new { value = (decimal?)v.Value, suppressed = false, reason = (string?)null },
        DisclosedRate r => new { value = r.Value, suppressed = false, reason = (string?)null },
        decimal d => new { value = (decimal?)d, suppressed = false, reason = (string?)null },
        null when isFigure => new { value = (decimal?)null, suppressed = false, reason = (string?)null },
        _ => cell,
    };

    [GeneratedRegex(@"^/(?<dashboard>[a-z]+)(/(?<code>[a-z0-9_-]+))?/(?<table>[A-Za-z0-9_-]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ApiPath();
}
