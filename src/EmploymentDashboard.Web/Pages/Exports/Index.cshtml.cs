using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Csv;
using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages.Exports;

/// <summary>
/// Record-level exports for analysts: the datasets, for the current filters, in the remembered CSV
/// layout; administrators also see who exported what. Analyst and Admin only (folder convention).
/// </summary>
public sealed class IndexModel(DashboardDbContext db, DisclosurePolicy disclosure, IStringLocalizer<SharedResource> localizer, UserManager<DashboardUser> users)
    : FilteredPageModel(db, disclosure, localizer)
{
    public IReadOnlyList<string> Datasets => RecordExports.Datasets;

    public string Delimiter { get; private set; } = "comma";

    public IReadOnlyList<ExportLog> RecentExports { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Delimiter = (await users.GetUserAsync(User))?.CsvDelimiter ?? "comma";
        if (!await ResolveFiltersAsync(cancellationToken))
        {
            return;
        }

        if (User.IsInRole(DashboardRoles.Admin))
        {
            RecentExports = await Db.ExportLogs.AsNoTracking().OrderByDescending(e => e.StartedAt).Take(50).ToListAsync(cancellationToken);
        }
    }
}
