using System.Security.Claims;
using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Entities;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>Who is looking: staff roles see exact figures; everyone else, signed in or not, is the public.</summary>
public static class Audience
{
    public static bool SeesExactFigures(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && DashboardRoles.All.Any(user.IsInRole);

    /// <summary>The disclosure policy, with k from configuration (Disclosure:Threshold, default 5).</summary>
    public static IServiceCollection AddDisclosurePolicy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => new DisclosurePolicy(new DisclosureOptions
        {
            Threshold = configuration.GetValue("Disclosure:Threshold", DisclosureOptions.Default.Threshold),
            DominanceShare = configuration.GetValue("Disclosure:DominanceShare", DisclosureOptions.Default.DominanceShare),
        }));
        return services;
    }
}
