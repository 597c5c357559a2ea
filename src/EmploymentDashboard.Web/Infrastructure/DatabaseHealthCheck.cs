using EmploymentDashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// Ready when PostgreSQL answers and every migration is applied; used by /health/ready (and /health). With read
/// standbys (ConnectionStrings:DashboardReads) an unreachable primary makes the instance Degraded, still 200: it
/// goes on serving the dashboards from the standbys, so a load balancer must not take every instance out.
/// </summary>
public sealed class DatabaseHealthCheck(DashboardDbContext db, DashboardReadDbContext reads, IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return ReadReplicas.HasOwnConnection(configuration) && await reads.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Degraded("The primary cannot be reached; reads are served by the standbys.")
                : HealthCheckResult.Unhealthy("The database cannot be reached.");
        }

        return (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any()
            ? HealthCheckResult.Unhealthy("The database has pending migrations.")
            : HealthCheckResult.Healthy();
    }
}
