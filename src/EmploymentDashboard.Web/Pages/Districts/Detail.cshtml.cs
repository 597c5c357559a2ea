using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Data.Tables;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages.Districts;

/// <summary>
/// One district or city as a profile: people covered with the change on last year, the rate per 1,000 against
/// the region's, the rank and its change, quota places and grants; the districts ranked with this one
/// highlighted; its monthly trend against last year and the region; each measure's share against the
/// region's; and its people by group, sex and age. Public.
/// </summary>
public sealed class DetailModel(DashboardReadDbContext db, DisclosurePolicy disclosure, IStringLocalizer<SharedResource> localizer)
    : FilteredPageModel(db, disclosure, localizer)
{
    public DistrictKeyFigures? Figures { get; private set; }

    public DistrictRateRow? District => Figures?.Now.District;

    /// <summary>The year before the period, when the database has it.</summary>
    public int? PreviousYear { get; private set; }

    public ChartTable? Ranking { get; private set; }

    public ChartTable? Trend { get; private set; }

    public ChartTable? Shares { get; private set; }

    /// <summary>Plan against actual for the district and year (issue 8), shown only for a whole year with a plan; null otherwise.</summary>
    public ChartTable? Plan { get; private set; }

    public IReadOnlyList<ChartTable> Charts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (!await ResolveFiltersAsync(cancellationToken))
        {
            return Page();
        }

        var hasPreviousYear = Filters.Years.Contains(Filter.PreviousYear().Period.From.Year);
        var figures = await DistrictProfileTables.GetKeyFiguresAsync(Db, Filter, TableAudience, code, hasPreviousYear, cancellationToken);
        if (figures is null)
        {
            return NotFound();
        }

        Selection.Imply(HttpContext, "district", code);
        Figures = figures;
        PreviousYear = hasPreviousYear ? Filter.Period.To.Year - 1 : null;
        var districtId = figures.Now.District.DistrictId;
        Ranking = new ChartTable(await DistrictTables.GetRankedAsync(Db, Filter, TableAudience, cancellationToken), HeadingLevel: 2) { Highlight = [code], BarColumn = "per_1000" };
        Trend = new ChartTable(await DistrictProfileTables.GetTrendAsync(Db, Filter, TableAudience, code, districtId, hasPreviousYear, cancellationToken), HeadingLevel: 2);
        Shares = new ChartTable(await DistrictProfileTables.GetSharesAsync(Db, Filter, TableAudience, code, districtId, cancellationToken), HeadingLevel: 2);
        Plan = Filter.MeasureIds.Count == 0 && await PlanTables.GetAsync(Db, Filter, TableAudience, $"district-{code}", districtId, null, cancellationToken) is { } plan
            ? new ChartTable(plan, HeadingLevel: 2)
            : null;
        var districtFilter = Filter with { DistrictIds = [districtId] };
        Charts = [.. (await BreakdownChartsAsync(districtFilter, $"district-{code}", [Dimension.DisabilityGroup, Dimension.Sex, Dimension.AgeBand], cancellationToken)).Select(c => c with { Small = true })];
        return Page();
    }
}
