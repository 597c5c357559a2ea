using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Audit;
using EmploymentDashboard.Data.Csv;
using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages.Exports;

/// <summary>
/// Record-level exports for analysts: the datasets, for the current filters, in the remembered CSV
/// layout; administrators also see who exported what. Analyst and Admin only (folder convention).
/// The layout is remembered by a POST of its own form (a GET never changes state).
/// </summary>
public sealed class IndexModel(DashboardDbContext db, DisclosurePolicy disclosure, IStringLocalizer<SharedResource> localizer, UserManager<DashboardUser> users)
    : FilteredPageModel(db, disclosure, localizer)
{
    public IReadOnlyList<string> Datasets => RecordExports.Datasets;

    public string Delimiter { get; private set; } = "comma";

    public IReadOnlyList<ExportRecord> RecentExports { get; private set; } = [];

    /// <summary>Remembers the chosen CSV layout for this user, then shows the page again with the same filters.</summary>
    public async Task<IActionResult> OnPostLayoutAsync(string? delimiter)
    {
        if (delimiter is not ("comma" or "semicolon"))
        {
            return BadRequest();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.CsvDelimiter != delimiter)
        {
            user.CsvDelimiter = delimiter;
            await users.UpdateAsync(user);
        }

        return LocalRedirect("/Exports" + FiltersOnly());
    }

    /// <summary>Where the layout form posts: this page, its filters, the Layout handler.</summary>
    public string LayoutAction => "/Exports" + FiltersOnly().Add("handler", "Layout");

    private QueryString FiltersOnly() =>
        QueryString.Create(Request.Query.Where(q => q.Key != "handler").SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Delimiter = (await users.GetUserAsync(User))?.CsvDelimiter ?? "comma";
        if (!await ResolveFiltersAsync(cancellationToken))
        {
            return;
        }

        if (User.IsInRole(DashboardRoles.Admin))
        {
            RecentExports = await Db.RecentExportsAsync(50, cancellationToken);
        }
    }
}
