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
