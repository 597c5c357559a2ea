using EmploymentDashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// The one place where reads and writes part. Dashboard pages, the table API, the anonymous cache's data-version
/// check and the rows of record exports read through <see cref="DashboardReadDbContext"/>, whose connection string
/// is <c>ConnectionStrings:DashboardReads</c> — for a deployment with streaming standbys an Npgsql multi-host string
/// such as <c>Host=standby1,standby2,primary;Target Session Attributes=prefer-standby;Load Balance Hosts=true</c>,
/// so reads go to a standby while one answers and to the primary otherwise. Everything that writes (accounts,
/// sign-in, export log, Data Protection keys, migrations) and the session check use <see cref="DashboardDbContext"/>
/// on <c>ConnectionStrings:Dashboard</c>, the primary. Without <c>DashboardReads</c> both use the primary.
/// </summary>
public static class ReadReplicas
{
    /// <summary>Name of the read connection string (ConnectionStrings:DashboardReads).</summary>
    public const string ConnectionStringName = "DashboardReads";

    public static IServiceCollection AddReadReplicas(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ =>
        {
            var connectionString = ReadConnectionString(configuration) ?? string.Empty;
            var options = new DbContextOptionsBuilder<DashboardDbContext>();
            options.UseDashboardDatabase(DashboardDatabase.ForReadsOnly(connectionString)).UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
            return new ReadOptions(options.Options);
        });
        services.AddScoped(provider => new DashboardReadDbContext(provider.GetRequiredService<ReadOptions>().Options));
        return services;
    }

    /// <summary>The connection string reads use: DashboardReads when set, the primary's otherwise.</summary>
    public static string? ReadConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } reads
            ? reads
            : configuration.GetConnectionString(DashboardDatabase.ConnectionStringName);

    /// <summary>True when reads have a connection string of their own (standbys).</summary>
    public static bool HasOwnConnection(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName));

    /// <summary>A one-line description of a malformed DashboardReads, or null.</summary>
    public static string? DescribeConfigurationProblem(IConfiguration configuration) =>
        HasOwnConnection(configuration)
            ? DashboardDatabase.DescribeConnectionStringProblem(configuration.GetConnectionString(ConnectionStringName))?
                .Replace($"ConnectionStrings:{DashboardDatabase.ConnectionStringName}", $"ConnectionStrings:{ConnectionStringName}", StringComparison.Ordinal)
                .Replace($"ConnectionStrings__{DashboardDatabase.ConnectionStringName}", $"ConnectionStrings__{ConnectionStringName}", StringComparison.Ordinal)
            : null;

    private sealed record ReadOptions(DbContextOptions<DashboardDbContext> Options);
}

/// <summary>
/// The dashboard database for reading only (see <see cref="ReadReplicas"/>): no change tracking, and saving is
/// refused, so a write can never land on a standby (which would refuse it anyway) or be routed there by mistake.
/// </summary>
public sealed class DashboardReadDbContext(DbContextOptions<DashboardDbContext> options) : DashboardDbContext(options)
{
    /// <summary>It never writes and lives for one request: a statistic two tables of a page share is read once.</summary>
    protected override bool RemembersStatistics => true;

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new InvalidOperationException("DashboardReadDbContext reads only; write through DashboardDbContext (the primary).");

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("DashboardReadDbContext reads only; write through DashboardDbContext (the primary).");
}
