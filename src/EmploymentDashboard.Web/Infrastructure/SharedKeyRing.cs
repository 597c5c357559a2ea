using EmploymentDashboard.Data;
using Microsoft.AspNetCore.DataProtection;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// Data Protection keys (they sign and encrypt session cookies and antiforgery tokens) live in PostgreSQL, in the
/// data_protection_keys table, so every web instance behind a load balancer reads the same key ring: a cookie
/// issued by one instance opens pages on another, and a restart or a new container keeps every session. The
/// application name is fixed because by default it is the install path, which may differ between machines.
/// Anyone who can read that table can forge cookies: it is as secret as the password hashes beside it.
/// </summary>
public static class SharedKeyRing
{
    public const string ApplicationName = "EmploymentDashboard";

    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<DashboardDbContext>();
        return services;
    }
}
