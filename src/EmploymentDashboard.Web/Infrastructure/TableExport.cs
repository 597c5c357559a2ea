using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using EmploymentDashboard.Data.Csv;
using EmploymentDashboard.Data.Disclosure;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// "Download CSV / XLSX" for every table on every dashboard: a page requested with ?export=TABLE-ID is
/// rendered exactly as it would be for this user (same filters, same audience, same withheld cells),
/// and the table with that id is converted to a file. Figures come from the cells' data-value
/// attributes, withheld cells from data-suppressed, so the file is what the screen shows, no more.
/// </summary>
public static partial class TableExport
{
    public const string QueryKey = "export";

    public static IApplicationBuilder UseTableExport(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var tableId = context.Request.Query[QueryKey].ToString();
            if (!HttpMethods.IsGet(context.Request.Method) || tableId.Length == 0)
            {
                await next(context);
                return;
            }

            if (!TableId().IsMatch(tableId))
            {
                await Problem(context, StatusCodes.Status400BadRequest, "The table id may contain only letters, digits, hyphens and underscores.");
                return;
            }

            var (request, problem) = ExportRequest.Parse(context.Request.Query, rememberedDelimiter: null);
            if (request is null)
            {
                await Problem(context, StatusCodes.Status400BadRequest, problem!);
                return;
            }

            var original = context.Response.Body;
            await using var page = new MemoryStream();
            context.Response.Body = page;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = original;
            }

            var isHtml = context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
            if (context.Response.StatusCode != StatusCodes.Status200OK || !isHtml)
            {
                // Errors, redirects and refusals pass through unchanged.
                page.Position = 0;
                context.Response.ContentLength = page.Length;
                await page.CopyToAsync(original, context.RequestAborted);
                return;
            }

            page.Position = 0;
            var document = await new HtmlParser().ParseDocumentAsync(page, context.RequestAborted);
            var table = document.GetElementById(tableId) as IHtmlTableElement ?? document.GetElementById(tableId + "-table") as IHtmlTableElement;
            if (table is null)
            {
                context.Response.Headers.Remove("Content-Length");
                await Problem(context, StatusCodes.Status404NotFound, $"This page has no table \"{tableId}\".");
                return;
            }

            var isPublic = document.QuerySelector("[data-audience='public']") is not null;
            var export = FromHtml(table, tableId, isPublic);
            var fileName = $"{tableId}_{Slug(context.Request.Path)}_{DateTime.UtcNow:yyyy-MM-dd}{FilterSuffix(context.Request.Query)}";
            context.Response.Headers.Remove("Content-Length");
            context.Response.Headers.CacheControl = "no-store";
            if (request.Format == "xlsx")
            {
                var bytes = XlsxWriter.Write(export, request.CodeHeaders);
                context.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}.xlsx\"";
                await original.WriteAsync(bytes, context.RequestAborted);
                return;
            }

            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}.csv\"";
            await using var csv = new CsvWriter(original, request.Csv);
            await export.WriteCsvAsync(csv, request.CodeHeaders, context.RequestAborted);
        });

    /// <summary>Reads an HTML table of the dashboard into an <see cref="ExportTable"/>; header rows with colspans become combined column names.</summary>
    public static ExportTable FromHtml(IHtmlTableElement table, string id, bool isPublic)
    {
        var bodyRows = table.Bodies.SelectMany(b => b.Rows).Concat(table.Foot?.Rows ?? Enumerable.Empty<IHtmlTableRowElement>()).ToList();
        var headerRows = table.Head?.Rows.ToList() ?? [];
        var width = bodyRows.Select(r => r.Cells.Sum(c => Math.Max(1, c.ColumnSpan))).DefaultIfEmpty(0).Max();
        width = Math.Max(width, headerRows.Select(r => r.Cells.Sum(c => Math.Max(1, c.ColumnSpan))).DefaultIfEmpty(0).Max());

        // Lay the header cells out on a grid, honouring colspan and rowspan, then read each column top-down.
        var labels = new List<string>[width];
        var codes = new List<string>[width];
        for (var i = 0; i < width; i++)
        {
            labels[i] = [];
            codes[i] = [];
        }

        var occupied = new int[width];
        for (var r = 0; r < headerRows.Count; r++)
        {
            var column = 0;
            foreach (var cell in headerRows[r].Cells)
            {
                while (column < width && occupied[column] > r)
                {
                    column++;
                }

                var span = Math.Max(1, cell.ColumnSpan);
                for (var c = column; c < Math.Min(width, column + span); c++)
                {
                    var text = Clean(cell.TextContent);
                    if (text.Length > 0 && !labels[c].Contains(text))
                    {
                        labels[c].Add(text);
                    }

                    if (ColumnCode(cell) is { } code)
                    {
                        codes[c].Add(code);
                    }

                    occupied[c] = r + Math.Max(1, cell.RowSpan);
                }

                column += span;
            }
        }

        var columns = Enumerable.Range(0, width).Select(i => new ExportColumn(
            codes[i].Count > 0 ? string.Join('_', codes[i])
                : bodyRows.Select(r => CellAt(r, i)).Select(c => c is null ? null : ColumnCode(c)).FirstOrDefault(c => c is not null)
                ?? (i == 0 ? "category" : $"column_{i}"),
            string.Join(" — ", labels[i]),
            bodyRows.Any(r => CellAt(r, i) is { } cell && (cell.HasAttribute("data-value") || cell.HasAttribute("data-suppressed"))))).ToList();

        var rows = bodyRows.Select(r => (IReadOnlyList<object?>)[.. columns.Select((c, i) => CellAt(r, i) is { } cell ? Cell(cell, c.IsFigure) : null)]).ToList();
        return new ExportTable(id, Clean(table.Caption?.TextContent ?? id), columns, rows, isPublic);
    }

    /// <summary>The cell covering grid column <paramref name="index"/> of a body row (body cells may span columns too).</summary>
    private static IHtmlTableCellElement? CellAt(IHtmlTableRowElement row, int index)
    {
        var column = 0;
        foreach (var cell in row.Cells)
        {
            var span = Math.Max(1, cell.ColumnSpan);
            if (index < column + span)
            {
                return index == column ? cell : null;
            }

            column += span;
        }

        return null;
    }

    private static object? Cell(IHtmlTableCellElement cell, bool isFigure)
    {
        if (cell.GetAttribute("data-value") is { } value && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            return number == decimal.Truncate(number) && !value.Contains('.', StringComparison.Ordinal) ? DisclosedValue.Shown((long)number) : number;
        }

        if (cell.GetAttribute("data-suppressed") is { } reason && Enum.TryParse<SuppressionReason>(reason, out var why) && why != SuppressionReason.None)
        {
            return DisclosedValue.Suppressed(why);
        }

        var text = Clean(cell.TextContent);
        return isFigure && text is "—" or "" ? null : text;
    }

    private static string? ColumnCode(IElement th) =>
        th.GetAttribute("data-series") ?? th.GetAttribute("data-measure") ?? th.GetAttribute("data-column") ?? th.GetAttribute("data-year") ?? th.GetAttribute("data-code");

    private static string Clean(string text) => Whitespace().Replace(text, " ").Trim();

    private static string Slug(PathString path) => path.Value is null or "/" ? "overview" : path.Value.Trim('/').Replace('/', '-').ToLowerInvariant();

    private static string FilterSuffix(IQueryCollection query)
    {
        var parts = new[] { "year", "from", "to", "district" }.SelectMany(k => query[k].Select(v => v ?? string.Empty)).Where(v => TableId().IsMatch(v)).Take(4);
        var suffix = string.Join('_', parts);
        return suffix.Length == 0 ? string.Empty : "_" + suffix;
    }

    private static async Task Problem(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message, context.RequestAborted);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,120}$")]
    private static partial Regex TableId();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
