using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Data.Tables;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages;

/// <summary>
/// The overview as a one-screen summary: the headline figures of the selection (each with the change on last
/// year and on the previous month, and a sparkline of its months against last year's), the districts ranked
/// with in-cell bars beside the monthly trend, the region's other figures, then the detail charts.
/// </summary>
public sealed class IndexModel(DashboardReadDbContext db, DisclosurePolicy disclosure, IStringLocalizer<SharedResource> localizer)
    : FilteredPageModel(db, disclosure, localizer)
{
    /// <summary>The region's published figures for the period (the compact list of other figures and the placements table).</summary>
    public PublishedOverview? Overview { get; private set; }

    /// <summary>The headline figures of the selection, and the same as a table.</summary>
    public IReadOnlyList<Headline> Headlines { get; private set; } = [];

    public StatTable? HeadlineTable { get; private set; }

    /// <summary>The districts ranked by people covered per 1,000, with in-cell bars, the selected ones highlighted.</summary>
    public ChartTable? Ranking { get; private set; }

    /// <summary>Placements by district and measure, from the same published overview.</summary>
    public ChartTable? Placements { get; private set; }

    public ChartTable? Trend { get; private set; }

    /// <summary>Events and people by measure, beside the placements by district.</summary>
    public ChartTable? Measures { get; private set; }

    /// <summary>Sex, disability group and age: three small charts side by side.</summary>
    public IReadOnlyList<ChartTable> People { get; private set; } = [];

    /// <summary>The year before the period, when the database has it.</summary>
    public int? PreviousYear { get; private set; }

    /// <summary>Plan against actual for the year (the region, or the one district filtered); null without a plan.</summary>
    public StatTable? PlanTable { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await ResolveFiltersAsync(cancellationToken))
        {
            return;
        }

        Overview = await OverviewTables.GetOverviewAsync(Db, Filter, TableAudience, cancellationToken);
        var hasPreviousYear = Filters.Years.Contains(Filter.PreviousYear().Period.From.Year);
        PreviousYear = hasPreviousYear ? Filter.Period.To.Year - 1 : null;
        Headlines = await HeadlineTables.GetAsync(Db, Filter, TableAudience, hasPreviousYear, cancellationToken);
        HeadlineTable = HeadlineTables.Table(Headlines, TableAudience, Filter.Period.To.Year);

        Ranking = new ChartTable(await DistrictTables.GetRankedAsync(Db, Filter, TableAudience, cancellationToken), HeadingLevel: 2) { Highlight = Selection.Of(HttpContext).Values("district"), BarColumn = "per_1000" };
        Placements = new ChartTable(OverviewTables.Placements(Overview, TableAudience), HeadingLevel: 2);

        PlanTable = Filter.DistrictIds.Count <= 1 && Filter.MeasureIds.Count == 0
            ? await PlanTables.GetAsync(Db, Filter, TableAudience, "overview", Filter.DistrictIds.Count == 1 ? Filter.DistrictIds[0] : null, null, cancellationToken)
            : null;
        var charts = await BreakdownChartsAsync(Filter, "overview", [Dimension.Month, Dimension.Measure, Dimension.Sex, Dimension.DisabilityGroup, Dimension.AgeBand], cancellationToken);
        Trend = charts[0] with { HeadingLevel = 2 };
        Measures = charts[1] with { HeadingLevel = 2 };
        People = [.. charts.Skip(2).Select(c => c with { Small = true, HeadingLevel = 2 })];
    }
}
