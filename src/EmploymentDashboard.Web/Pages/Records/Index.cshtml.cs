using System.Globalization;
using EmploymentDashboard.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages.Records;

/// <summary>
/// Finds the record to correct (staff, the fallback policy): a placement or a grant by its number (the id in
/// the record exports), a quota by the employer's BIN and the year. One match opens its correction page.
/// </summary>
public sealed class IndexModel(DashboardDbContext db, IStringLocalizer<SharedResource> localizer) : DashboardPageModel
{
    [BindProperty(SupportsGet = true, Name = "kind")]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "number")]
    public string? Number { get; set; }

    [BindProperty(SupportsGet = true, Name = "bin")]
    public string? Bin { get; set; }

    [BindProperty(SupportsGet = true, Name = "year")]
    public string? Year { get; set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Kind))
        {
            return Page();
        }

        string? path = null;
        switch (Kind)
        {
            case EditModel.Placement or EditModel.Grant:
                if (!long.TryParse(Number?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
                {
                    return Refuse(localizer["Records.BadNumber", Number ?? string.Empty], StatusCodes.Status400BadRequest);
                }

                var exists = Kind == EditModel.Placement
                    ? await db.Placements.AnyAsync(p => p.Id == id, cancellationToken)
                    : await db.Grants.AnyAsync(g => g.Id == id, cancellationToken);
                path = exists ? $"/Records/Edit/{Kind}/{id}" : null;
                break;
            case EditModel.Quota:
                var bin = Bin?.Trim() ?? string.Empty;
                if (bin.Length != 12 || !bin.All(char.IsAsciiDigit))
                {
                    return Refuse(localizer["Records.BadBin", Bin ?? string.Empty], StatusCodes.Status400BadRequest);
                }

                if (!int.TryParse(Year?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1990 || year > 2100)
                {
                    return Refuse(localizer["Records.BadYear", Year ?? string.Empty], StatusCodes.Status400BadRequest);
                }

                // The quota in force, if there is one, else the pending application.
                var quota = await db.EmployerQuotas.AsNoTracking()
                    .Where(q => q.Employer!.Bin == bin && q.Year == year)
                    .OrderBy(q => q.Status)
                    .Select(q => (int?)q.Id)
                    .FirstOrDefaultAsync(cancellationToken);
                path = quota is null ? null : $"/Records/Edit/{EditModel.Quota}/{quota}";
                break;
            default:
                return Refuse(localizer["Records.BadKind"], StatusCodes.Status400BadRequest);
        }

        return path is not null ? Redirect(path) : Refuse(localizer["Records.NotFound"], StatusCodes.Status404NotFound);
    }

    private PageResult Refuse(string message, int status)
    {
        Errors = [message];
        Response.StatusCode = status;
        return Page();
    }
}
