using System.Diagnostics;
using System.Globalization;
using System.Net;
using EmploymentDashboard.Data.Audit;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Tests.Infrastructure;
using Npgsql;

namespace EmploymentDashboard.Tests.Web;

/// <summary>
/// SIGTERM to the app running as its own process (as Docker or systemd stop it) while requests are in flight: a slow
/// page finishes; a record export the client keeps reading finishes whole; one the client has stalled is cancelled
/// before the shutdown timeout, recorded as cancelled and its connection aborted, so the download fails visibly
/// instead of ending like a complete file; and the process exits 0 within Dashboard:ShutdownTimeoutSeconds.
/// </summary>
public sealed class GracefulShutdownTests : IAsyncLifetime
{
    private const int ExtraRows = 200_000;
    private const string Email = "shutdown-analyst@test.local";
    private const string Password = "Shutdown-Kestrel-Orchard-64";
    private const string ExportPath = "/exports/records/placements.csv?year=2025&headers=codes";

    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using (var db = _database.CreateContext())
        {
            await EmploymentDashboard.Data.Demo.DemoDataLoader.SeedIfEmptyAsync(db);
        }

        // Tens of megabytes: more than the socket buffers take, so a client that stops reading holds the export in flight.
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            $"""
            INSERT INTO placements (participant_id, measure_id, district_id, date)
            SELECT p.participant_id, p.measure_id, p.district_id, DATE '2025-01-01' + (g % 365)
            FROM (SELECT participant_id, measure_id, district_id FROM placements ORDER BY id LIMIT 1000) p
            CROSS JOIN generate_series(1, {ExtraRows / 1000}) AS g
            """,
            connection) { CommandTimeout = 300 };
        await insert.ExecuteNonQueryAsync();

        await using var setup = new DashboardAppFactory(_database.ConnectionString);
        await setup.CreateUserAsync(Email, Password, DashboardRoles.Analyst);
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task An_export_the_client_keeps_reading_at_SIGTERM_finishes_whole_and_the_app_exits_0()
    {
        await using var app = await WebProcess.StartAsync(_database.ConnectionString, new Dictionary<string, string> { ["Dashboard__ShutdownTimeoutSeconds"] = "60" });
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardAppFactory.SignInAsync(client, Email, Password)).StatusCode);
        var expectedRows = await _database.ScalarAsync("SELECT count(*) FROM placements WHERE date >= DATE '2025-01-01' AND date < DATE '2026-01-01'");
        Assert.True(expectedRows > ExtraRows, $"Only {expectedRows} placements in 2025.");

        using var response = await client.GetAsync(ExportPath, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var lines = 0L;
        while (lines < 1000 && await reader.ReadLineAsync() is not null)
        {
            lines++;
        }

        var clock = Stopwatch.StartNew();
        var exited = app.TerminateAsync(TimeSpan.FromSeconds(90));

        // A stopping instance accepts no new connection (the load balancer sends the next request elsewhere).
        await Task.Delay(1000);
        using (var late = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(5) })
        {
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => late.GetAsync("/health/live"));
        }

        while (await reader.ReadLineAsync() is not null)
        {
            lines++;
        }

        Assert.Equal(0, await exited);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"Stopping took {clock.Elapsed}.");
        Assert.Equal(expectedRows + 1, lines);
        Assert.Equal((AuditActions.ExportCompleted, expectedRows), await LastExportEndAsync());
    }

    [Fact]
    public async Task A_slow_page_finishes_and_a_stalled_export_is_cancelled_recorded_and_aborted_within_the_timeout()
    {
        const int timeoutSeconds = 10;
        await using var app = await WebProcess.StartAsync(_database.ConnectionString, new Dictionary<string, string> { ["Dashboard__ShutdownTimeoutSeconds"] = timeoutSeconds.ToString(CultureInfo.InvariantCulture) });
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardAppFactory.SignInAsync(client, Email, Password)).StatusCode);

        // The export client reads the first block and then stalls, as a stuck browser or a slow network would.
        using var export = await client.GetAsync(ExportPath, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var body = await export.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        Assert.True(await body.ReadAsync(buffer) > 0);

        // A slow page: the employer quotas are locked, so the quota page waits for its query.
        await using var locker = new NpgsqlConnection(_database.ConnectionString);
        await locker.OpenAsync();
        await using var transaction = await locker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE employer_quotas IN ACCESS EXCLUSIVE MODE", locker, transaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        var page = client.GetAsync("/Quotas?year=2025");
        await WaitForLockedQueryAsync();

        var clock = Stopwatch.StartNew();
        var exited = app.TerminateAsync(TimeSpan.FromSeconds(timeoutSeconds + 30));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(page.IsCompleted, "The page answered while its table was still locked.");
        await transaction.CommitAsync();

        using (var answer = await page)
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var html = await HtmlPage.ParseAsync(await answer.Content.ReadAsStringAsync());
            Assert.NotNull(html.QuerySelector("table"));
        }

        Assert.Equal(0, await exited);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(timeoutSeconds + 3), $"Stopping took {clock.Elapsed} with a {timeoutSeconds} s timeout.");

        // The audit trail ends the export as cancelled, with the rows that were sent before.
        var (action, rows) = await LastExportEndAsync();
        Assert.Equal(AuditActions.ExportCancelled, action);
        Assert.True(rows > 0, $"{rows} rows recorded.");

        // The download fails: it never ends as if the file were complete.
        await Assert.ThrowsAnyAsync<IOException>(async () =>
        {
            while (await body.ReadAsync(buffer) > 0)
            {
            }
        });
        Assert.Contains("cancelled because the instance is stopping", app.Output, StringComparison.Ordinal);
    }

    private async Task WaitForLockedQueryAsync()
    {
        var clock = Stopwatch.StartNew();
        while (await _database.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%employer_quotas%'") == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "The quota page never waited for the locked table.");
            await Task.Delay(100);
        }
    }

    /// <summary>The action and row count of the entry that ended the latest export.</summary>
    private async Task<(string Action, long Rows)> LastExportEndAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT action, coalesce((details ->> 'rows')::bigint, -1) FROM audit_log WHERE kind = 'export' AND relates_to IS NOT NULL ORDER BY id DESC LIMIT 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "The export has no end entry in the audit trail.");
        return (reader.GetString(0), reader.GetInt64(1));
    }
}
