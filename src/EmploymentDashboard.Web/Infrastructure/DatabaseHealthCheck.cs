using EmploymentDashboard.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>Healthy when PostgreSQL answers; used by /health for load balancers and docker compose.</summary>
public sealed class DatabaseHealthCheck(DashboardDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database cannot be reached.");
}
