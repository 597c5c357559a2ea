using System.Security.Claims;
using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Data.Tables;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>Who is looking: staff roles see exact figures; everyone else, signed in or not, is the public.</summary>
public static class Audience
{
    public static bool SeesExactFigures(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && DashboardRoles.All.Any(user.IsInRole);

    /// <summary>
    /// The disclosure policy: the cell key method with the p-table kept in the repository (ADR 0010). Its parameters
    /// are data, not settings: changing them changes every public figure, so it is a reviewed change of the file.
    /// </summary>
    public static IServiceCollection AddDisclosurePolicy(this IServiceCollection services)
    {
        services.AddSingleton(_ => DisclosurePolicy.Default);
        return services;
    }

    /// <summary>Who a table is for, with the released figures that are shown exact to the public too.</summary>
    public static TableAudience TableAudience(ClaimsPrincipal user, DisclosurePolicy policy, ReferenceData reference) =>
        new(!SeesExactFigures(user), policy) { Released = reference.Released };
}
