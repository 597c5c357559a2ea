using System.ComponentModel.DataAnnotations;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages.Account;

/// <summary>Sign-in for staff. Public (anyone must be able to reach it), rate limited, with lockout after repeated failures.</summary>
[EnableRateLimiting(SignInRateLimit.PolicyName)]
public sealed class SignInModel(SignInManager<DashboardUser> signIn, IStringLocalizer<SharedResource> localizer, ILogger<SignInModel> logger) : DashboardPageModel
{
    [BindProperty]
    public SignInForm Form { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Problem = localizer["SignIn.FillBoth"];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Form.Email.Trim(), Form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("User {Email} signed in", Form.Email.Trim());
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused: {Email} is locked out", Form.Email.Trim());
            Problem = localizer["SignIn.LockedOut"];
        }
        else
        {
            // One message for a wrong password, an unknown address and a disabled account: no hint to a guesser.
            Problem = localizer["SignIn.Failed"];
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>What the sign-in form posts.</summary>
    public sealed class SignInForm
    {
        [Required]
        [EmailAddress]
        [StringLength(256)]
        public string Email { get; set; } = string.Empty;

        [Required]
        [StringLength(512)]
        [DataType(DataType.Password)]
        public string Password { get; set; } = string.Empty;
    }
}
