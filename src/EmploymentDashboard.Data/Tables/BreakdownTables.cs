using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Statistics;

namespace EmploymentDashboard.Data.Tables;

/// <summary>Events and distinct people by one dimension: the tables of the overview, district and measure pages.</summary>
public static class BreakdownTables
{
    /// <summary>The dimensions of a breakdown table, by the suffix of its id ("by-month", "by-disabilitygroup").</summary>
    public static IReadOnlyList<Dimension> All { get; } = Enum.GetValues<Dimension>();

    public static string Suffix(Dimension dimension) => "by-" + dimension.ToString().ToLowerInvariant();

    /// <summary>The id of a breakdown table on a page: "{prefix}-by-{dimension}-table".</summary>
    public static string Id(string prefix, Dimension dimension) => $"{prefix}-{Suffix(dimension)}-table";

    /// <summary>Reads an id back into its dimension; null when the id is not a breakdown of that prefix.</summary>
    public static Dimension? DimensionOf(string prefix, string id) =>
        All.Select(d => (Dimension?)d).FirstOrDefault(d => Id(prefix, d!.Value) == id);

    public static async Task<StatTable> GetAsync(DashboardDbContext db, DashboardFilter filter, TableAudience audience, string prefix, Dimension dimension, CancellationToken cancellationToken)
    {
        var breakdown = audience.Publish(await db.GetBreakdownAsync(filter, dimension, cancellationToken));
        return From(breakdown, Id(prefix, dimension), audience);
    }

    /// <summary>
    /// Events and people as a chart: a line for months, horizontal bars for districts and measures (long names
    /// stay readable), columns for the short categories. When every row has as many people as events the two
    /// series would draw one on the other: people are left out of the chart, and the chart says so.
    /// </summary>
    private static ChartSpec Chart(Dimension dimension, IReadOnlyList<StatRow> rows)
    {
        var kind = dimension switch { Dimension.Month => ChartKind.Line, Dimension.District or Dimension.Measure => ChartKind.HorizontalBar, _ => ChartKind.Bar };
        var body = rows.Where(r => !r.IsTotal).ToList();
        var equal = body.Count > 0 && body.All(r => r.Cells[0].Value is not null && r.Cells[0].Value == r.Cells[1].Value);
        return equal
            ? new ChartSpec(kind, ["events"]) { Note = Label.Ui("Chart.SeriesEqual", Label.Ui("Series.People"), Label.Ui("Series.Events")) }
            : new ChartSpec(kind, ["events", "people"]);
    }

    public static StatTable From(PublishedBreakdown breakdown, string id, TableAudience audience)
    {
        var dimension = breakdown.Dimension;
        string? Link(string code) => dimension switch
        {
            Dimension.District => "/Districts/" + code,
            Dimension.Measure => "/Measures/" + code,
            _ => null,
        };
        var rows = breakdown.Rows
            .Select(r => new StatRow(r.Code, Label.Of(r.Label), [StatCell.Count(r.Events), StatCell.Count(r.People)]) { Link = Link(r.Code) })
            .Append(new StatRow("total", Label.Ui("Table.Total"), [StatCell.Count(breakdown.TotalEvents), StatCell.Count(breakdown.TotalPeople)]) { IsTotal = true })
            .ToList();
        return new StatTable
        {
            Id = id,
            Title = Label.Ui($"Breakdown.By{dimension}"),
            RowHeader = Label.Ui($"Breakdown.Header.{dimension}"),
            RowCode = dimension.ToString().ToLowerInvariant(),
            Columns =
            [
                new StatColumn("events", Label.Ui("Series.Events"), Unit.Events) { Attribute = "series", Definition = "events" },
                new StatColumn("people", Label.Ui("Series.People"), Unit.People) { Attribute = "series", Definition = "people_covered" },
            ],
            Rows = rows,
            IsPublic = audience.IsPublic,
            Threshold = audience.Threshold,
            Chart = Chart(dimension, rows),
            Summary = TableSummaries.Largest(rows, 0, "Chart.Summary", "Chart.NoEvents"),
            Definition = "events",
        };
    }
}
