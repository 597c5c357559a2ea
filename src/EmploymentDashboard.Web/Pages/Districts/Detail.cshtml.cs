using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Data.Tables;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages.Districts;

/// <summary>
/// One district or city: its people covered, events and rate per 1,000 people with disabilities with the
/// region's figure beside it and its rank, then breakdowns by measure, month, group, sex and age. Public.
/// </summary>
public sealed class DetailModel(DashboardDbContext db, DisclosurePolicy disclosure, IStringLocalizer<SharedResource> localizer)
    : FilteredPageModel(db, disclosure, localizer)
{
    public DistrictRateRow? District { get; private set; }

    public DisclosedValue RegionPeople { get; private set; }

    public DisclosedRate RegionPerThousand { get; private set; }

    public int RankedDistricts { get; private set; }

    public IReadOnlyList<ChartTable> Charts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (!await ResolveFiltersAsync(cancellationToken))
        {
            return Page();
        }

        var profile = await DistrictTables.GetProfileAsync(Db, Filter, TableAudience, code, cancellationToken);
        if (profile is null)
        {
            return NotFound();
        }

        Selection.Imply(HttpContext, "district", code);
        District = profile.District;
        RankedDistricts = profile.RankedDistricts;
        RegionPeople = profile.RegionPeople;
        RegionPerThousand = profile.RegionPerThousand;

        var districtFilter = Filter with { DistrictIds = [profile.District.DistrictId] };
        Charts = await BreakdownChartsAsync(districtFilter, $"district-{code}", [Dimension.Measure, Dimension.Month, Dimension.DisabilityGroup, Dimension.Sex, Dimension.AgeBand], cancellationToken);
        return Page();
    }
}
