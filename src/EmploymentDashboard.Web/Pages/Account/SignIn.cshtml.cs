using System.ComponentModel.DataAnnotations;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages.Account;

/// <summary>Sign-in for staff. Public (anyone must be able to reach it), rate limited per address, with growing delays after failures (StaffSignIn).</summary>
[EnableRateLimiting(SignInRateLimit.PolicyName)]
public sealed class SignInModel(StaffSignIn staffSignIn, IStringLocalizer<SharedResource> localizer) : DashboardPageModel
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

        var outcome = await staffSignIn.SignInAsync(HttpContext, Form.Email.Trim(), Form.Password);
        if (outcome.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        if (outcome.IsThrottled)
        {
            // Keyed on the address and on the e-mail as typed, existing or not: this says nothing about the account.
            var seconds = (int)Math.Ceiling(outcome.RetryAfter.TotalSeconds);
            Problem = localizer["SignIn.Throttled", seconds];
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        // One message for a wrong password, an unknown address and a disabled account: no hint to a guesser.
        Problem = localizer["SignIn.Failed"];
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
