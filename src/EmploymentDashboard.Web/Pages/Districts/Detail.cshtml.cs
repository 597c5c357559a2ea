using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Statistics;
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

        var coverage = await Db.GetDistrictCoverageAsync(Filter, cancellationToken);
        var current = coverage.FirstOrDefault(c => c.Code == code);
        if (current is null)
        {
            return NotFound();
        }

        var rows = DistrictRates.Publish(coverage, IsPublic, Disclosure);
        District = rows.Single(r => r.Code == code);
        RankedDistricts = rows.Count(r => r.Rank is not null);

        var region = await Db.GetBreakdownAsync(Filter with { DistrictIds = [] }, Dimension.Month, cancellationToken);
        var regionPopulation = coverage.Sum(c => c.PeopleWithDisabilities);
        RegionPeople = Count(region.TotalPeople);
        RegionPerThousand = IsPublic
            ? Disclosure.Rate(RegionPeople, Disclosure.Count(regionPopulation), decimals: 1, per: 1000m)
            : ExactRate.Of(region.TotalPeople, regionPopulation, decimals: 1, per: 1000m);

        var districtFilter = Filter with { DistrictIds = [current.DistrictId] };
        Charts = await BreakdownChartsAsync(districtFilter, $"district-{code}", [Dimension.Measure, Dimension.Month, Dimension.DisabilityGroup, Dimension.Sex, Dimension.AgeBand], cancellationToken);
        return Page();
    }
}
