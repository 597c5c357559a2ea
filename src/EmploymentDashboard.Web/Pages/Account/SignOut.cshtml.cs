using EmploymentDashboard.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace EmploymentDashboard.Web.Pages.Account;

/// <summary>Signs out on POST (with antiforgery); GET shows a button, so a link or image cannot sign anyone out.</summary>
public sealed class SignOutModel(SignInManager<DashboardUser> signIn) : DashboardPageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
