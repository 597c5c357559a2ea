using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Statistics;

namespace EmploymentDashboard.Data.Tables;

/// <summary>The overview's placements table: districts × (people covered, events per measure, all events), with the region total.</summary>
public static class OverviewTables
{
    public const string PlacementsId = "placements-table";

    /// <summary>The region overview for a period as an audience may see it (cards and the placements table come from it).</summary>
    public static async Task<PublishedOverview> GetOverviewAsync(DashboardDbContext db, DashboardFilter filter, TableAudience audience, CancellationToken cancellationToken)
    {
        var overview = await db.GetRegionOverviewAsync(filter.Region, filter.Period, cancellationToken);
        return OverviewPublishing.Publish(overview, audience);
    }

    public static async Task<StatTable> GetPlacementsAsync(DashboardDbContext db, DashboardFilter filter, TableAudience audience, CancellationToken cancellationToken) =>
        Placements(await GetOverviewAsync(db, filter, audience, cancellationToken), audience);

    public static StatTable Placements(PublishedOverview overview, TableAudience audience)
    {
        var columns = new List<StatColumn> { new("people_covered", Label.Ui("Table.PeopleCovered"), Unit.People) { Definition = "people_covered" } };
        columns.AddRange(overview.Measures.Select(m => new StatColumn(m.Code, Label.Of(m.Name), Unit.Events) { Attribute = "measure", Definition = "events_" + m.Code }));
        columns.Add(new StatColumn("total_events", Label.Ui("Table.TotalEvents"), Unit.Events) { Definition = "events" });

        var rows = overview.Districts
            .Select(d => new StatRow(d.District.Code, Label.Of(d.District.Name), [StatCell.Count(d.PeopleCovered), .. d.Events.Select(StatCell.Count), StatCell.Count(d.TotalEvents)]) { Link = "/Districts/" + d.District.Code })
            .Append(new StatRow("total", Label.Ui("Table.RegionTotal"), [StatCell.Count(overview.PeopleCovered), .. overview.EventsByMeasure.Select(StatCell.Count), StatCell.Count(overview.TotalEvents)]) { IsTotal = true })
            .ToList();
        return new StatTable
        {
            Id = PlacementsId,
            Title = Label.Ui("Overview.ByDistrict.TableCaption", Label.Of(overview.Region.Name), overview.Year),
            RowHeader = Label.Ui("Table.District"),
            RowCode = "district",
            RowAttribute = "district",
            Columns = columns,
            Rows = rows,
            IsPublic = audience.IsPublic,
            Threshold = audience.Threshold,
            Chart = new ChartSpec(ChartKind.HorizontalBar, [.. overview.Measures.Select(m => m.Code)], Stacked: true),
            Summary = TableSummaries.Largest(rows, columns.Count - 1, "Overview.ByDistrict.Summary", "Chart.NoEvents"),
            Definition = "events",
        };
    }
}
