using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Tables;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages;

/// <summary>
/// Business grants in the filtered period: count and amount (KZT, and MCI of each grant's year) by district,
/// by business sector and by month, each a chart with its table.
/// </summary>
public sealed class GrantsModel(DashboardReadDbContext db, DisclosurePolicy disclosure, IStringLocalizer<SharedResource> localizer)
    : FilteredPageModel(db, disclosure, localizer)
{
    public IReadOnlyList<ChartTable>? Tables { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await ResolveFiltersAsync(cancellationToken))
        {
            return Page();
        }

        Tables = [.. (await GrantTables.GetAsync(Db, Filter, TableAudience, cancellationToken)).Select(t => new ChartTable(t, HeadingLevel: 2))];
        return Page();
    }
}
