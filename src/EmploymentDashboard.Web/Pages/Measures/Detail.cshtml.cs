using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Data.Tables;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages.Measures;

/// <summary>One support measure: its monthly trend, and events and people by district, group, sex and age. Public.</summary>
public sealed class DetailModel(DashboardReadDbContext db, DisclosurePolicy disclosure, IStringLocalizer<SharedResource> localizer)
    : FilteredPageModel(db, disclosure, localizer)
{
    public FilterOption? Measure { get; private set; }

    public IReadOnlyList<ChartTable> Charts { get; private set; } = [];

    /// <summary>Plan against actual for the measure and year (the region, or the one district filtered); null without a plan.</summary>
    public StatTable? PlanTable { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (!await ResolveFiltersAsync(cancellationToken))
        {
            return Page();
        }

        Measure = Filters.Measures.FirstOrDefault(m => m.Code == code);
        var measureId = await Db.GetMeasureIdAsync(code, cancellationToken);
        if (Measure is null || measureId is null)
        {
            return NotFound();
        }

        Selection.Imply(HttpContext, "measure", code);
        var measureFilter = Filter with { MeasureIds = [measureId.Value] };
        PlanTable = Filter.DistrictIds.Count <= 1
            ? await PlanTables.GetAsync(Db, Filter, TableAudience, $"measure-{code}", Filter.DistrictIds.Count == 1 ? Filter.DistrictIds[0] : null, code, cancellationToken)
            : null;
        Charts = await BreakdownChartsAsync(measureFilter, $"measure-{code}", [Dimension.Month, Dimension.District, Dimension.DisabilityGroup, Dimension.Sex, Dimension.AgeBand], cancellationToken);
        return Page();
    }
}
