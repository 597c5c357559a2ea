using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Tables;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages;

/// <summary>
/// The employment context at /Context: people with disabilities, of working age and employed, and the
/// employment rate, by district and year, with the total of the districts shown. Public; uses the
/// filter's period (every year it touches) and districts.
/// </summary>
public sealed class ContextModel(DashboardReadDbContext db, DisclosurePolicy disclosure, IStringLocalizer<SharedResource> localizer)
    : FilteredPageModel(db, disclosure, localizer)
{
    /// <summary>By district and year; null when no year of the period has population figures.</summary>
    public StatTable? Table { get; private set; }

    /// <summary>The latest year's counts by district as a chart and its table.</summary>
    public ChartTable? Chart { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await ResolveFiltersAsync(cancellationToken))
        {
            return Page();
        }

        var tables = await ContextTables.GetAsync(Db, Filter, TableAudience, cancellationToken);
        Table = tables.FirstOrDefault(t => t.Id == ContextTables.ContextId);
        Chart = tables.FirstOrDefault(t => t.Id == ContextTables.PopulationId) is { } population ? new ChartTable(population) : null;
        return Page();
    }
}
