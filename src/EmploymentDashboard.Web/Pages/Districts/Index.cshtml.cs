using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Tables;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages.Districts;

/// <summary>
/// All districts and cities side by side: people covered, events, and people covered per 1,000 people
/// with disabilities with its rank, so large and small districts compare fairly. Public (aggregates).
/// </summary>
public sealed class IndexModel(DashboardReadDbContext db, DisclosurePolicy disclosure, IStringLocalizer<SharedResource> localizer)
    : FilteredPageModel(db, disclosure, localizer)
{
    public ChartTable? Chart { get; private set; }

    public Data.Tables.StatTable? Comparison { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await ResolveFiltersAsync(cancellationToken))
        {
            return;
        }

        var comparison = await DistrictTables.GetComparisonAsync(Db, Filter, TableAudience, cancellationToken);
        Chart = new ChartTable(DistrictTables.PerThousand(comparison, TableAudience));
        Comparison = DistrictTables.Comparison(comparison, TableAudience);
    }
}
