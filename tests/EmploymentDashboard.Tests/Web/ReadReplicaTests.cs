using System.Net;
using EmploymentDashboard.Data.Audit;
using EmploymentDashboard.Data.Demo;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Tests.Infrastructure;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EmploymentDashboard.Tests.Web;

/// <summary>
/// A primary and a streaming standby made with pg_basebackup -R, started by the test. The app reads the dashboards
/// through ConnectionStrings:DashboardReads (a multi-host string preferring the standby) and writes to the primary;
/// when the primary stops it goes on serving the dashboards from the standby.
/// </summary>
public sealed class ReadReplicaTests : IAsyncLifetime
{
    private const string Email = "replica-analyst@test.local";
    private const string Password = "Replica-Osprey-Meadow-83";
    private const string ReadsApplication = "dashboard-reads";

    private PostgresServer _primary = null!;
    private PostgresServer _standby = null!;
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _primary = await PostgresServer.StartPrimaryAsync();
        _database = await TestDatabase.CreateAsync(adminConnectionString: _primary.ConnectionString());
        await using (var db = _database.CreateContext())
        {
            await DemoDataLoader.SeedIfEmptyAsync(db);
        }

        _standby = await PostgresServer.StartStandbyAsync(_primary);
        await PostgresServer.WaitForReplayAsync(_primary, _standby);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _standby.DisposeAsync();
        await _primary.DisposeAsync();
    }

    [Fact]
    public async Task Dashboards_read_from_the_standby_writes_commit_on_the_primary_and_reads_go_on_when_the_primary_stops()
    {
        var reads = $"Host=127.0.0.1:{_standby.Port},127.0.0.1:{_primary.Port};Database={_database.Name};Username=postgres;"
            + $"Target Session Attributes=prefer-standby;Timeout=3;Application Name={ReadsApplication}";
        await using var app = new DashboardAppFactory(
            _database.ConnectionString + ";Timeout=3",
            settings: new Dictionary<string, string> { ["ConnectionStrings:DashboardReads"] = reads });

        // The read context is on a server in recovery: the standby.
        using (var scope = app.Services.CreateScope())
        {
            var readContext = scope.ServiceProvider.GetRequiredService<DashboardReadDbContext>();
            Assert.True(await readContext.Database.SqlQueryRaw<bool>("SELECT pg_is_in_recovery() AS \"Value\"").SingleAsync());
            await Assert.ThrowsAsync<InvalidOperationException>(() => readContext.SaveChangesAsync());
        }

        var anonymous = app.CreatePlainClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/?year=2024")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Districts?year=2024")).StatusCode);
        Assert.True(await ReadConnectionsAsync(_standby, "SELECT %") > 0, "No dashboard query ran on the standby.");
        Assert.Equal(0, await ReadConnectionsAsync(_primary, "%"));

        // A write: the export's audit entries commit on the primary, while the exported rows are read from the standby.
        await app.CreateUserAsync(Email, Password, DashboardRoles.Analyst);
        var analyst = await app.SignedInClientAsync(Email, Password);
        var export = await analyst.GetAsync("/exports/records/placements.csv?year=2024&headers=codes");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.True((await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 1);
        Assert.Equal(1L, await _primary.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE action = '{AuditActions.ExportCompleted}' AND user_name = '{Email}'", _database.Name));
        Assert.Equal(0, await ReadConnectionsAsync(_primary, "%"));
        await PostgresServer.WaitForReplayAsync(_primary, _standby);
        Assert.Equal(1L, await _standby.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE action = '{AuditActions.ExportCompleted}'", _database.Name));

        await _primary.StopAsync("fast");

        // Pages never asked before (not in any cache) are read from the standby; readiness says Degraded, still 200.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/?year=2023")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Districts?year=2023")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Grants?year=2023")).StatusCode);
        var ready = await anonymous.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());
    }

    /// <summary>Connections of the app's read side (its application name) on a server whose last statement matches.</summary>
    private async Task<long> ReadConnectionsAsync(PostgresServer server, string lastStatement) =>
        await server.ScalarAsync<long>(
            $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{_database.Name}' AND application_name = '{ReadsApplication}' AND query ILIKE '{lastStatement}'");
}
