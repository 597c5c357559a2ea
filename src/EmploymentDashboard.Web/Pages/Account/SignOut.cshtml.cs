using EmploymentDashboard.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace EmploymentDashboard.Web.Pages.Account;

/// <summary>Signs out on POST (with antiforgery); GET shows a button, so a link or image cannot sign anyone out.</summary>
public sealed class SignOutModel(SignInManager<DashboardUser> signIn, UserManager<DashboardUser> users) : DashboardPageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // A new security stamp ends every session of the account, including a copy of this cookie kept elsewhere.
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
