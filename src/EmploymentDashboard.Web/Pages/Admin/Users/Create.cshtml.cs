using System.ComponentModel.DataAnnotations;
using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages.Admin.Users;

/// <summary>Creates an account with its roles. Admin only (folder convention). There is no self-registration.</summary>
public sealed class CreateModel(UserManager<DashboardUser> users, RoleManager<IdentityRole> roles, DashboardDbContext db, AuditTrail audit, IStringLocalizer<SharedResource> localizer, ILogger<CreateModel> logger) : DashboardPageModel
{
    [BindProperty]
    public NewUser Form { get; set; } = new();

    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>The fields the errors are about ("email", "password", "roles"), marked aria-invalid in the form.</summary>
    public IReadOnlySet<string> InvalidFields { get; private set; } = new HashSet<string>();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var selected = Form.Roles.Where(r => DashboardRoles.All.Contains(r)).Distinct().ToList();
        if (!ModelState.IsValid || selected.Count == 0 || selected.Count != Form.Roles.Count)
        {
            Errors = [localizer["Users.FormInvalid"]];
            InvalidFields = new HashSet<string>(
                new[] { ("email", nameof(NewUser.Email)), ("password", nameof(NewUser.Password)) }
                    .Where(f => ModelState[$"{nameof(Form)}.{f.Item2}"]?.Errors.Count > 0)
                    .Select(f => f.Item1)
                    .Concat(selected.Count == 0 || selected.Count != Form.Roles.Count ? ["roles"] : []));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await DashboardIdentity.EnsureRolesAsync(roles);
        var email = Form.Email.Trim();
        var user = new DashboardUser { UserName = email, Email = email, DisplayName = Form.DisplayName?.Trim(), EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow };
        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = await users.CreateAsync(user, Form.Password);
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync();
            Errors = [.. created.Errors.Select(e => e.Description)];
            InvalidFields = new HashSet<string>(created.Errors.Select(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email"));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        audit.Add(AuditKinds.Account, "account.created", $"user {user.Id}", after: new { email, displayName = user.DisplayName, roles = selected.Order() });
        DashboardIdentity.Check(await users.AddToRolesAsync(user, selected));
        await transaction.CommitAsync();
        logger.LogInformation("Administrator {Admin} created user {Email} with roles {Roles}", User.Identity?.Name, email, selected);
        TempData["Message"] = localizer["Users.Created", email].Value;
        return RedirectToPage("Index");
    }

    /// <summary>What the create form posts.</summary>
    public sealed class NewUser
    {
        [Required]
        [EmailAddress]
        [StringLength(256)]
        public string Email { get; set; } = string.Empty;

        [StringLength(200)]
        public string? DisplayName { get; set; }

        [Required]
        [StringLength(512)]
        public string Password { get; set; } = string.Empty;

        public List<string> Roles { get; set; } = [];
    }
}
