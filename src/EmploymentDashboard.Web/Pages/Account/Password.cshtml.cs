using System.ComponentModel.DataAnnotations;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages.Account;

/// <summary>
/// A signed-in user changes their own password: the current one, then the new one twice. The change
/// writes a new security stamp, which ends every other session of the account; this browser's session is
/// re-issued and keeps its original 12-hour limit. Any signed-in role (the Staff fallback policy).
/// </summary>
public sealed class PasswordModel(UserManager<DashboardUser> users, SignInManager<DashboardUser> signIn, AuditTrail audit, IStringLocalizer<SharedResource> localizer, ILogger<PasswordModel> logger) : DashboardPageModel
{
    [BindProperty]
    public PasswordForm Form { get; set; } = new();

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public bool Changed { get; private set; }

    public void OnGet() => Changed = TempData["PasswordChanged"] is true;

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            return Refuse([localizer["Password.FillAll"]]);
        }

        if (Form.NewPassword != Form.Confirmation)
        {
            return Refuse([localizer["Password.ConfirmationDiffers"]]);
        }

        var result = await users.ChangePasswordAsync(user, Form.CurrentPassword, Form.NewPassword);
        if (!result.Succeeded)
        {
            return Refuse([.. result.Errors.Select(e => e.Description)]);
        }

        await audit.WriteAsync(AuditKinds.Account, "account.password-changed", $"user {user.Id}");
        await signIn.RefreshSignInAsync(user);
        logger.LogInformation("Account {AccountId} changed its password; its other sessions ended", user.Id);
        TempData["PasswordChanged"] = true;
        return RedirectToPage();
    }

    private PageResult Refuse(IReadOnlyList<string> problems)
    {
        Problems = problems;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>What the form posts. The length limits are the policy's own (PasswordStrength).</summary>
    public sealed class PasswordForm
    {
        [Required]
        [StringLength(512)]
        public string CurrentPassword { get; set; } = string.Empty;

        [Required]
        [StringLength(512)]
        public string NewPassword { get; set; } = string.Empty;

        [Required]
        [StringLength(512)]
        public string Confirmation { get; set; } = string.Empty;
    }
}
