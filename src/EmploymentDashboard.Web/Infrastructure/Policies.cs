using EmploymentDashboard.Data.Entities;
using Microsoft.AspNetCore.Authorization;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// Who may use what, declared in one place. Anything not named here needs the Staff policy: a new
/// page is staff-only until someone decides, in <see cref="AddDashboardAuthorization"/>, that it is public.
/// </summary>
public static class Policies
{
    public const string Staff = "Staff";

    public const string Analyst = "Analyst";

    public const string Admin = "Admin";

    /// <summary>Pages the public (anonymous visitors) may open. They render aggregates through the disclosure policy.</summary>
    public static readonly IReadOnlyList<string> PublicPages =
    [
        "/Index", "/Error", "/Account/SignIn", "/Account/SignOut", "/Account/AccessDenied", "/Methodology", "/Definitions",
        "/Districts/Index", "/Districts/Detail", "/Measures/Detail", "/Context", "/Map", "/Quotas", "/Grants",
    ];

    public static IServiceCollection AddDashboardAuthorization(this IServiceCollection services)
    {
        var staff = new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
            .RequireRole(DashboardRoles.Staff, DashboardRoles.Analyst, DashboardRoles.Admin).Build();
        services.AddAuthorizationBuilder()
            .AddPolicy(Staff, staff)
            .AddPolicy(Analyst, p => p.RequireAuthenticatedUser().RequireRole(DashboardRoles.Analyst, DashboardRoles.Admin))
            .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(DashboardRoles.Admin))
            .SetDefaultPolicy(staff)
            .SetFallbackPolicy(staff);
        return services;
    }

    /// <summary>Folder and page conventions: the admin folder needs Admin; the public pages are listed explicitly.</summary>
    public static void Apply(Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions options)
    {
        options.Conventions.AuthorizeFolder("/Admin", Admin);
        options.Conventions.AuthorizeFolder("/Exports", Analyst);
        foreach (var page in PublicPages)
        {
            options.Conventions.AllowAnonymousToPage(page);
        }
    }
}
