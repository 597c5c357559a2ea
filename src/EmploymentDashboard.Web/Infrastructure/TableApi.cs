using System.Text.RegularExpressions;
using EmploymentDashboard.Data.Csv;
using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Data.Tables;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>A column of a table in the API: its stable code, label, unit, and the group (year) it belongs to.</summary>
public sealed record TableColumnDocument(string Code, string Label, string Unit, bool Figure, string? Group);

/// <summary>A figure of a table in the API: its value, or null and the reason it is withheld.</summary>
public sealed record TableCellDocument(decimal? Value, bool Suppressed, string? Reason);

/// <summary>A table in the API: the same rows, columns and withheld cells as the page shows. Rows hold the row label, then one cell per column (text cells are strings).</summary>
public sealed record TableDocument(string Table, string Title, string Audience, string Source, IReadOnlyList<TableColumnDocument> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>Format options of a table download; documented with the endpoint.</summary>
public sealed class TableFormatRequest
{
    /// <summary>json (default for the API), csv or xlsx.</summary>
    [FromQuery(Name = "format")]
    public string? Format { get; set; }

    /// <summary>CSV delimiter: comma (default) or semicolon (with a decimal comma).</summary>
    [FromQuery(Name = "delimiter")]
    public string? Delimiter { get; set; }

    /// <summary>Header row of files: labels (default, in the language of lang) or codes.</summary>
    [FromQuery(Name = "headers")]
    public string? Headers { get; set; }

    /// <summary>Whether CSV starts with a byte order mark: true (default) or false.</summary>
    [FromQuery(Name = "bom")]
    public string? Bom { get; set; }

    /// <summary>Language of labels: ru (default), kk or en.</summary>
    [FromQuery(Name = "lang")]
    public string? Lang { get; set; }

    /// <summary>The map table's indicator: people_covered (default), events, per_1000, quota_places, grants.</summary>
    [FromQuery(Name = "indicator")]
    public string? Indicator { get; set; }

}

/// <summary>
/// The open-data API: every dashboard table at /api/v1/{dashboard}/{table} and /api/v1/{dashboard}/{code}/{table}
/// as JSON, CSV or XLSX, with the page's filters and audience. The table is built alone from the table model
/// (it costs its own query, not its page's) and serialised; nothing is parsed back from HTML. A page's
/// "download table" links (?export=TABLE on the page's address) are answered here too.
/// </summary>
public static partial class TableApi
{
    public const string Prefix = "/api/v1";

    public const string ExportKey = "export";

    public static IEndpointRouteBuilder MapTableApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).AllowAnonymous().WithTags("Dashboard tables");
        Describe(
            api.MapGet("/{dashboard}/{table}", (string dashboard, string table, [AsParameters] FilterRequest filter, [AsParameters] TableFormatRequest format, HttpContext context, DashboardReadDbContext db, DisclosurePolicy disclosure, IStringLocalizer<SharedResource> localizer) =>
                HandleAsync(new TableAddress(dashboard.ToLowerInvariant(), null, table), filter, format, context, db, disclosure, localizer)),
            "GetDashboardTable",
            "A dashboard table (overview, districts, quotas, grants, context, map) for the filters.");
        Describe(
            api.MapGet("/{dashboard}/{code}/{table}", (string dashboard, string code, string table, [AsParameters] FilterRequest filter, [AsParameters] TableFormatRequest format, HttpContext context, DashboardReadDbContext db, DisclosurePolicy disclosure, IStringLocalizer<SharedResource> localizer) =>
                HandleAsync(new TableAddress(dashboard.ToLowerInvariant(), code, table), filter, format, context, db, disclosure, localizer)),
            "GetDistrictOrMeasureTable",
            "A table of one district's or one measure's page (districts/{code}, measures/{code}) for the filters.");
        return app;
    }

    private static void Describe(RouteHandlerBuilder endpoint, string name, string summary) => endpoint
        .WithName(name)
        .WithSummary(summary)
        .Produces<TableDocument>(contentType: "application/json")
        .Produces(StatusCodes.Status200OK, contentType: "text/csv")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>
    /// Answers a page's download link (/Districts/abay-district?export=TABLE&amp;format=csv) from the table API:
    /// the address becomes /api/v1/districts/abay-district/TABLE with the same query, CSV by default.
    /// </summary>
    public static IApplicationBuilder UseTableDownloads(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var table = context.Request.Query[ExportKey].ToString();
            if (table.Length > 0 && HttpMethods.IsGet(context.Request.Method) && PageAddress(context.Request.Path) is { } page)
            {
                var query = QueryHelpers.ParseQuery(context.Request.QueryString.Value)
                    .Where(q => q.Key != ExportKey)
                    .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
                    .ToList();
                if (!query.Any(q => q.Key == "format"))
                {
                    query.Add(new("format", "csv"));
                }

                context.Request.Path = $"{Prefix}/{page}/{table}";
                context.Request.QueryString = QueryString.Create(query);
            }

            return next(context);
        });

    /// <summary>The dashboard (and code) of a page's path: "/" → overview, "/Districts/abay-district" → districts/abay-district.</summary>
    private static string? PageAddress(PathString path)
    {
        var match = PagePath().Match(path.Value ?? string.Empty);
        if (!match.Success)
        {
            return null;
        }

        var dashboard = match.Groups["dashboard"].Success ? match.Groups["dashboard"].Value.ToLowerInvariant() : "overview";
        return match.Groups["code"].Success ? $"{dashboard}/{match.Groups["code"].Value}" : dashboard;
    }

    private static async Task<IResult> HandleAsync(TableAddress address, FilterRequest filterRequest, TableFormatRequest formatRequest, HttpContext context, DashboardReadDbContext db, DisclosurePolicy disclosure, IStringLocalizer<SharedResource> localizer)
    {
        var cancellationToken = context.RequestAborted;
        if (!TableId().IsMatch(address.Table))
        {
            return TypedResults.Problem("The table id may contain only letters, digits, hyphens and underscores.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!TableCatalog.Dashboards.Contains(address.Dashboard) || (address.Code is not null && !TableId().IsMatch(address.Code)))
        {
            return NotFound(address);
        }

        var (format, formatProblem) = ExportRequest.Parse(context.Request.Query, rememberedDelimiter: null, defaultFormat: "json");
        if (format is null)
        {
            return TypedResults.Problem(formatProblem, statusCode: StatusCodes.Status400BadRequest);
        }

        var options = TableOptions.Default;
        if (formatRequest.Indicator is { Length: > 0 } indicator)
        {
            if (!MapTables.Indicators.Contains(indicator))
            {
                return TypedResults.Problem(localizer["Map.UnknownIndicator", indicator, string.Join(", ", MapTables.Indicators)], statusCode: StatusCodes.Status400BadRequest);
            }

            options = options with { Indicator = indicator };
        }

        var reference = await context.RequestServices.GetRequiredService<ReferenceDataCache>().GetAsync(db, cancellationToken);
        var filters = FilterQuery.Resolve(reference, filterRequest, localizer, !Audience.SeesExactFigures(context.User));
        if (filters.Problem is not null)
        {
            return TypedResults.Problem(filters.Problem, statusCode: StatusCodes.Status400BadRequest);
        }

        if (filters.Filter is null)
        {
            return TypedResults.Problem(localizer["Overview.NoData"], statusCode: StatusCodes.Status404NotFound);
        }

        var audience = Audience.TableAudience(context.User, disclosure, reference);
        var table = await TableCatalog.FindAsync(db, address, filters.Filter, audience, options, cancellationToken);
        if (table is null)
        {
            return NotFound(address);
        }

        string Text(Label label) => localizer.Text(label);
        context.Response.Headers.CacheControl = "no-store";
        var fileName = FileName(table, address, filters.Filter);
        return format.Format switch
        {
            "xlsx" => TypedResults.File(XlsxWriter.Write(table, Text, format.CodeHeaders), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName + ".xlsx"),
            "csv" => new CsvTableResult(table, Text, format, fileName + ".csv"),
            _ => TypedResults.Json(Document(table, Text, context.Request), contentType: "application/json; charset=utf-8"),
        };
    }

    private static ProblemHttpResult NotFound(TableAddress address) => TypedResults.Problem(
        address.Table.StartsWith(QuotaTables.EmployerId, StringComparison.Ordinal)
            ? "The employer list is record-level data: analysts download it as the record-level export /exports/records/quotas.csv."
            : $"There is no table \"{address.Table}\" on the {address.Dashboard} dashboard{(address.Code is null ? string.Empty : " for \"" + address.Code + "\"")}.",
        statusCode: StatusCodes.Status404NotFound);

    /// <summary>The JSON of a table: columns with codes, labels and units; rows of the row label and one cell per column.</summary>
    public static TableDocument Document(StatTable table, Func<Label, string> text, HttpRequest request) => new(
        table.Id,
        text(table.Title),
        table.IsPublic ? "public" : "staff",
        request.GetEncodedPathAndQuery(),
        [new TableColumnDocument(table.RowCode, text(table.RowHeader), "text", false, null), .. table.Columns.Select(c => new TableColumnDocument(c.FileCode, text(c.Header), c.Unit.ToString().ToLowerInvariant(), c.IsFigure, c.GroupCode))],
        [.. table.Rows.Select(row => (IReadOnlyList<object?>)[text(row.Header), .. row.Cells.Select(cell => cell.Text is { } words ? (object)text(words) : new TableCellDocument(cell.Number, cell.IsWithheld, cell.Flag))])]);

    /// <summary>A file name that says the table, the page and the filters: overview-by-month-table_overview_2025-01_2025-12_2026-12-02.csv.</summary>
    private static string FileName(StatTable table, TableAddress address, DashboardFilter filter)
    {
        var page = address.Code is null ? address.Dashboard : $"{address.Dashboard}-{address.Code}";
        var period = $"{filter.Period.From:yyyy-MM}_{filter.Period.To:yyyy-MM}";
        var filtered = filter.DistrictIds.Count + filter.MeasureIds.Count + filter.Groups.Count + filter.Sexes.Count + filter.AgeBands.Count > 0 ? "_filtered" : string.Empty;
        return $"{table.Id}_{page}_{period}{filtered}_{DateTime.UtcNow:yyyy-MM-dd}";
    }

    /// <summary>Streams a table as CSV in the requested layout.</summary>
    private sealed class CsvTableResult(StatTable table, Func<Label, string> text, ExportRequest format, string fileName) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = "text/csv; charset=utf-8";
            httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            await using var csv = new CsvWriter(httpContext.Response.Body, format.Csv);
            await TableFiles.WriteCsvAsync(table, csv, text, format.CodeHeaders, httpContext.RequestAborted);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,120}$")]
    private static partial Regex TableId();

    [GeneratedRegex("^/(?:(?<dashboard>Districts|Measures|Quotas|Grants|Context|Map)(?:/(?<code>[A-Za-z0-9_-]+))?)?/?$", RegexOptions.IgnoreCase)]
    private static partial Regex PagePath();
}
