using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Statistics;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Web.Pages.Admin.Users;

/// <summary>The list of accounts with their roles and state. Admin only (folder convention).</summary>
public sealed class IndexModel(DashboardDbContext db) : DashboardPageModel
{
    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Dataset = await db.GetSummaryAsync(cancellationToken);
        var users = await db.Users.AsNoTracking()
            .OrderBy(u => u.Email)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.DisplayName,
                u.IsDisabled,
                u.LockoutEnd,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .ToListAsync(cancellationToken);
        var now = DateTimeOffset.UtcNow;
        Users = [.. users.Select(u => new UserRow(u.Id, u.Email ?? string.Empty, u.DisplayName, [.. u.Roles.Order()], u.IsDisabled, u.LockoutEnd > now))];
    }

    /// <summary>One account as the list shows it.</summary>
    public sealed record UserRow(string Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, bool IsDisabled, bool IsLockedOut);
}
