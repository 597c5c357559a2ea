using EmploymentDashboard.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// Health for load balancers and container orchestrators, public and without details (the body is
/// only "Healthy" or "Unhealthy"): <c>/health/live</c> answers 200 while the process serves requests;
/// <c>/health/ready</c> (and <c>/health</c>, kept for existing probes) answers 200 only when PostgreSQL
/// answers and no migration is pending, 503 otherwise.
/// </summary>
public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddDashboardHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapDashboardHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        var ready = new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) };
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", ready).AllowAnonymous();
        endpoints.MapHealthChecks("/health", ready).AllowAnonymous();
        return endpoints;
    }

    /// <summary>
    /// The migrations the database still lacks, or null when it cannot be reached (then the app starts
    /// anyway, answers 503 and recovers by itself when PostgreSQL is back).
    /// </summary>
    public static async Task<IReadOnlyList<string>?> PendingMigrationsAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        try
        {
            return [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
        }
        catch (Exception ex) when (DatabaseFailure.IsUnavailable(ex))
        {
            return null;
        }
    }
}
