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
/// page finishes; a record export the client keeps reading finishes whole; one that cannot finish in time (waiting for
/// the database, or read too slowly) is cancelled before the shutdown timeout, recorded as cancelled and its
/// connection aborted, so the download fails visibly instead of ending like a complete file; and the process exits 0
/// within Dashboard:ShutdownTimeoutSeconds.
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
    public async Task A_slow_page_finishes_and_an_export_waiting_for_the_database_is_cancelled_recorded_and_aborted()
    {
        const int timeoutSeconds = 10;
        await using var app = await WebProcess.StartAsync(_database.ConnectionString, Timeout(timeoutSeconds));
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardAppFactory.SignInAsync(client, Email, Password)).StatusCode);

        // The reference data the pages share are cached first, so only the two requests below wait.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Quotas?year=2025")).StatusCode);

        // Two slow requests: the quota page waits for its employer list (employer_quota_years), the export for the
        // placements (both locked).
        await using var quotasLock = await LockAsync("employer_quota_years");
        await using var placementsLock = await LockAsync("placements");
        var page = client.GetAsync("/Quotas?year=2025");
        var export = client.GetAsync(ExportPath, HttpCompletionOption.ResponseHeadersRead);
        await WaitForLockedQueriesAsync("employer_quota_years", "placements");

        var clock = Stopwatch.StartNew();
        var exited = app.TerminateAsync(TimeSpan.FromSeconds(timeoutSeconds + 30));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(page.IsCompleted, "The page answered while its table was still locked.");
        await quotasLock.ReleaseAsync();

        using (var answer = await page)
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var html = await HtmlPage.ParseAsync(await answer.Content.ReadAsStringAsync());
            Assert.NotNull(html.QuerySelector("table"));
        }

        // The export cannot finish before the timeout: it is cancelled and its connection aborted. Answering normally
        // would send "200 OK" with an empty file that looks complete.
        var failure = await Record.ExceptionAsync(async () =>
        {
            using var response = await export;
            await response.Content.ReadAsByteArrayAsync();
        });
        Assert.True(failure is HttpRequestException or IOException, $"The export ended without an error: {failure}");

        Assert.Equal(0, await exited);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(timeoutSeconds + 3), $"Stopping took {clock.Elapsed} with a {timeoutSeconds} s timeout.");
        Assert.Equal((AuditActions.ExportCancelled, 0L), await LastExportEndAsync());
        Assert.Contains("cancelled because the instance is stopping", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_the_client_reads_too_slowly_is_cancelled_recorded_and_aborted_within_the_timeout()
    {
        const int timeoutSeconds = 10;
        await using var app = await WebProcess.StartAsync(_database.ConnectionString, Timeout(timeoutSeconds));
        using var client = app.CreateClient(new CookieJar(SmallReceiveBuffer()));
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardAppFactory.SignInAsync(client, Email, Password)).StatusCode);

        // A slow network: the file cannot be read within the shutdown timeout.
        using var export = await client.GetAsync(ExportPath, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var download = ReadSlowlyAsync(await export.Content.ReadAsStreamAsync());
        await Task.Delay(1000);

        var clock = Stopwatch.StartNew();
        Assert.Equal(0, await app.TerminateAsync(TimeSpan.FromSeconds(timeoutSeconds + 30)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(timeoutSeconds + 3), $"Stopping took {clock.Elapsed} with a {timeoutSeconds} s timeout.");

        // The audit trail ends the export as cancelled, with the rows that were sent before; the download fails.
        var (action, rows) = await LastExportEndAsync();
        Assert.Equal(AuditActions.ExportCancelled, action);
        Assert.True(rows > 0, $"{rows} rows recorded.");
        var (received, failure) = await download;
        Assert.True(received > 0);
        Assert.IsAssignableFrom<IOException>(failure);
    }

    private static Dictionary<string, string> Timeout(int seconds) =>
        new() { ["Dashboard__ShutdownTimeoutSeconds"] = seconds.ToString(CultureInfo.InvariantCulture) };

    /// <summary>An exclusive lock on the table, held until released or disposed.</summary>
    private async Task<TableLock> LockAsync(string table)
    {
        var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand($"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE", connection, transaction);
        await command.ExecuteNonQueryAsync();
        return new TableLock(connection, transaction);
    }

    /// <summary>
    /// Connections with a 32 KB receive buffer: little of the file waits in socket buffers, so what the client gets
    /// after the export is cancelled is decided by the app (an abort, or a final chunk), not by the host's timeout
    /// cutting a connection that still has megabytes queued.
    /// </summary>
    private static SocketsHttpHandler SmallReceiveBuffer() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 32 * 1024 };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>Reads 16 KB every 50 ms until the end or a failure; the bytes read and the failure, if any.</summary>
    private static async Task<(long Bytes, Exception? Failure)> ReadSlowlyAsync(Stream body)
    {
        var buffer = new byte[16 * 1024];
        var bytes = 0L;
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                bytes += read;
                await Task.Delay(50);
            }

            return (bytes, null);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return (bytes, ex);
        }
    }

    private async Task WaitForLockedQueriesAsync(params string[] tables)
    {
        var clock = Stopwatch.StartNew();
        foreach (var table in tables)
        {
            while (await _database.ScalarAsync($"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%{table}%'") == 0)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"No request waited for the locked table {table}.");
                await Task.Delay(100);
            }
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

    private sealed class TableLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public Task ReleaseAsync() => transaction.CommitAsync();

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}

/// <summary>The shutdown timeout setting: checked at start-up, and the container's stop timeout leaves room for it.</summary>
public sealed class ShutdownTimeoutSettingTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("thirty")]
    [InlineData("3601")]
    public async Task An_invalid_timeout_stops_the_app_at_start_with_one_clear_line(string value)
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => WebProcess.StartAsync(
            "Host=127.0.0.1;Port=1;Database=unused;Username=unused",
            new Dictionary<string, string> { ["Dashboard__ShutdownTimeoutSeconds"] = value }));

        Assert.Contains($"EmploymentDashboard cannot start: Dashboard:ShutdownTimeoutSeconds must be a whole number of seconds from 1 to 3600 (it is \"{value}\").", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Docker_compose_waits_longer_than_the_default_shutdown_timeout()
    {
        var compose = File.ReadAllText(RepositoryFiles.PathOf("docker-compose.yml"));
        var match = System.Text.RegularExpressions.Regex.Match(compose, @"stop_grace_period: (\d+)s");

        Assert.True(match.Success, "docker-compose.yml sets no stop_grace_period for the app.");
        Assert.True(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) >= EmploymentDashboard.Web.Infrastructure.GracefulShutdown.DefaultTimeoutSeconds + 10);
    }
}
