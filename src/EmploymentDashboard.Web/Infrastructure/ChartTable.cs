using System.Text.Json;
using EmploymentDashboard.Data.Tables;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// A table of the page, with its chart when the table model has one. Rendered by Pages/Shared/_ChartTable.cshtml
/// (chart, summary and the table) and Pages/Shared/_StatTable.cshtml (the table alone).
/// </summary>
public sealed record ChartTable(StatTable Table, int HeadingLevel = 3)
{
    /// <summary>Codes of rows to highlight (the districts of the selection).</summary>
    public IReadOnlyList<string> Highlight { get; init; } = [];

    /// <summary>The column drawn as a bar inside its cells (a table that is its own chart).</summary>
    public string? BarColumn { get; init; }

    /// <summary>With <see cref="BarColumn"/>: the column drawn behind the bar as its target (a bullet chart: places filled against set), on the same scale.</summary>
    public string? BarTarget { get; init; }

    /// <summary>One of a row of small charts (sex, group, age side by side).</summary>
    public bool Small { get; init; }

    /// <summary>
    /// The length of a cell's in-cell bar, in percent of the column's largest shown value among the body
    /// rows; null for a withheld or blank cell. The bar draws the number the cell shows, nothing else.
    /// </summary>
    public static decimal? BarPercent(StatTable table, int column, StatCell cell)
    {
        var largest = table.BodyRows.Select(r => r.Cells[column].Value ?? 0).DefaultIfEmpty(0).Max();
        return cell.Value is { } value && largest > 0 ? Math.Round(100m * Math.Max(0, value) / largest, 1) : null;
    }

    /// <summary>A bar of a bullet chart: the cell's length in percent of the largest value of the target column (the scale both bars share).</summary>
    public static decimal? BarPercent(StatTable table, int column, int scaleColumn, StatCell cell)
    {
        var largest = table.BodyRows.Select(r => Math.Max(r.Cells[scaleColumn].Value ?? 0, r.Cells[column].Value ?? 0)).DefaultIfEmpty(0).Max();
        return cell.Value is { } value && largest > 0 ? Math.Round(100m * Math.Max(0, value) / largest, 1) : null;
    }

    /// <summary>The id of the section, chart and its data: the table's id without "-table".</summary>
    public string Id => Table.Id.EndsWith("-table", StringComparison.Ordinal) ? Table.Id[..^"-table".Length] : Table.Id;

    /// <summary>The code of a column as a chart series (and the table cell's data-series): its code, with its group for grouped columns ("set-2025").</summary>
    public static string SeriesCode(StatColumn column) => column.GroupCode is null ? column.Code : $"{column.Code}-{column.GroupCode}";

    /// <summary>The chart's data: the same rows and cells as the table; a withheld value is null (a gap) and flagged, never its number.</summary>
    public string ChartJson(IStringLocalizer localizer)
    {
        var chart = Table.Chart ?? throw new InvalidOperationException($"Table {Table.Id} has no chart.");
        var rows = Table.BodyRows.ToList();
        var columns = Table.Columns.Select((c, i) => (Column: c, Index: i)).ToList();
        var series = chart.Series
            .SelectMany(code => columns.Where(c => c.Column.Code == code))
            .ToList();
        return JsonSerializer.Serialize(new
        {
            note = chart.Note is null ? null : localizer.Text(chart.Note),
            kind = chart.Kind switch { ChartKind.Line => "line", ChartKind.HorizontalBar => "hbar", _ => "bar" },
            stacked = chart.Stacked,
            labels = rows.Select(r => localizer.Text(r.Header)),
            categories = rows.Select(r => r.Code),
            datasets = series.Select(s => new
            {
                code = SeriesCode(s.Column),
                label = s.Column.Group is null ? localizer.Text(s.Column.Header) : $"{localizer.Text(s.Column.Header)} {localizer.Text(s.Column.Group)}",
                kind = s.Column.Unit is Unit.Percent or Unit.PerThousand ? "rate" : "count",
                data = rows.Select(r => r.Cells[s.Index].Number),
                suppressed = rows.Select(r => r.Cells[s.Index].IsWithheld),
            }),
        });
    }
}
