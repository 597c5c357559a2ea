using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages.Admin.Users;

/// <summary>
/// Manages one account: roles, disable/enable (ends its sessions), password reset and unlock. Admin
/// only (folder convention). An administrator cannot disable or demote their own account, so the
/// dashboard never loses its last way in by accident.
/// </summary>
public sealed class EditModel(UserManager<DashboardUser> users, SignInThrottle throttle, DashboardDbContext db, AuditTrail audit, IStringLocalizer<SharedResource> localizer, ILogger<EditModel> logger) : DashboardPageModel
{
    public DashboardUser? Account { get; private set; }

    public IReadOnlyList<string> AccountRoles { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public bool IsSelf => Account is not null && Account.Id == users.GetUserId(User);

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRolesAsync(string id, List<string> roles)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var wanted = roles.Distinct().ToList();
        if (wanted.Count == 0 || wanted.Any(r => !DashboardRoles.All.Contains(r)))
        {
            return Refuse(localizer["Users.FormInvalid"]);
        }

        if (IsSelf && !wanted.Contains(DashboardRoles.Admin))
        {
            return Refuse(localizer["Users.CannotDemoteSelf"]);
        }

        // The change and its audit entry commit together (Identity's store saves through the same context).
        await using var transaction = await db.Database.BeginTransactionAsync();
        DashboardIdentity.Check(await users.RemoveFromRolesAsync(Account!, AccountRoles.Except(wanted)));
        DashboardIdentity.Check(await users.AddToRolesAsync(Account!, wanted.Except(AccountRoles)));
        audit.Add(AuditKinds.Account, "account.roles-changed", Subject, new { email = Account!.Email }, new { roles = AccountRoles.Order() }, new { roles = wanted.Order() });
        await users.UpdateSecurityStampAsync(Account!);
        await transaction.CommitAsync();
        logger.LogInformation("Administrator {Admin} set roles of {Email} to {Roles}", User.Identity?.Name, Account!.Email, wanted);
        return Done(localizer["Users.RolesSaved", Account.Email!]);
    }

    public async Task<IActionResult> OnPostDisableAsync(string id) => await SetDisabledAsync(id, true);

    public async Task<IActionResult> OnPostEnableAsync(string id) => await SetDisabledAsync(id, false);

    public async Task<IActionResult> OnPostResetPasswordAsync(string id, string? newPassword)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (string.IsNullOrEmpty(newPassword))
        {
            return Refuse(localizer["Users.FormInvalid"]);
        }

        // Validate first, so a rejected password never leaves the account without one.
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, Account!, newPassword);
            problems.AddRange(check.Errors.Select(e => e.Description));
        }

        if (problems.Count > 0)
        {
            Errors = problems;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var token = await users.GeneratePasswordResetTokenAsync(Account!);
        DashboardIdentity.Check(await users.ResetPasswordAsync(Account!, token, newPassword));
        await users.SetLockoutEndDateAsync(Account!, null);
        audit.Add(AuditKinds.Account, "account.password-reset", Subject, new { email = Account!.Email });
        await users.ResetAccessFailedCountAsync(Account!);
        await transaction.CommitAsync();
        throttle.Clear(StaffSignIn.AccountKey(Account!.Email!));
        logger.LogInformation("Administrator {Admin} reset the password of {Email}", User.Identity?.Name, Account!.Email);
        return Done(localizer["Users.PasswordReset", Account.Email!]);
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        await users.SetLockoutEndDateAsync(Account!, null);
        audit.Add(AuditKinds.Account, "account.unlocked", Subject, new { email = Account!.Email });
        await users.ResetAccessFailedCountAsync(Account!);
        await transaction.CommitAsync();
        throttle.Clear(StaffSignIn.AccountKey(Account!.Email!));
        return Done(localizer["Users.Unlocked", Account!.Email!]);
    }

    private async Task<IActionResult> SetDisabledAsync(string id, bool disabled)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (IsSelf && disabled)
        {
            return Refuse(localizer["Users.CannotDisableSelf"]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var wasDisabled = Account!.IsDisabled;
        Account.IsDisabled = disabled;
        audit.Add(AuditKinds.Account, disabled ? "account.disabled" : "account.enabled", Subject, new { email = Account.Email }, new { disabled = wasDisabled }, new { disabled });
        DashboardIdentity.Check(await users.UpdateAsync(Account));

        // A new stamp ends the account's open sessions at their next request.
        await users.UpdateSecurityStampAsync(Account);
        await transaction.CommitAsync();
        logger.LogInformation("Administrator {Admin} {Action} {Email}", User.Identity?.Name, disabled ? "disabled" : "enabled", Account.Email);
        return Done(localizer[disabled ? "Users.DisabledNow" : "Users.EnabledNow", Account.Email!]);
    }

    /// <summary>How the audit trail names the account being changed.</summary>
    private string Subject => $"user {Account!.Id}";

    private async Task<bool> LoadAsync(string id)
    {
        Account = string.IsNullOrEmpty(id) || id.Length > 450 ? null : await users.FindByIdAsync(id);
        AccountRoles = Account is null ? [] : [.. await users.GetRolesAsync(Account)];
        return Account is not null;
    }

    private PageResult Refuse(string message)
    {
        Errors = [message];
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private RedirectToPageResult Done(string message)
    {
        TempData["Message"] = message;
        return RedirectToPage("Index");
    }
}
