using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using EmploymentDashboard.Data.Demo;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Tests.Infrastructure;
using Npgsql;

namespace EmploymentDashboard.Tests.Import;

/// <summary>
/// The database server is killed (immediate shutdown, as a crash or a power cut) while an import commit merges into
/// the real tables: after PostgreSQL starts again (crash recovery) every table is exactly as before the commit, and
/// the person who pressed "commit" gets the friendly 503 page, not a stack trace. A killed connection (rather than
/// the whole server) is covered by <see cref="GoodFileTests.A_connection_killed_during_the_commit_leaves_nothing_half_written"/>.
/// Runs against a private PostgreSQL server that only this class stops.
/// </summary>
public sealed class ImportOutageTests : IAsyncLifetime
{
    private const string StaffEmail = "import-outage@test.local";
    private const string StaffPassword = "Outage-Lantern-Glacier-58";
    private const int Rows = 60_000;

    private PostgresServer _server = null!;
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartPrimaryAsync();
        _database = await TestDatabase.CreateAsync(adminConnectionString: _server.ConnectionString());
        await using var db = _database.CreateContext();
        await DemoDataLoader.SeedIfEmptyAsync(db);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Killing_the_database_server_during_the_merge_leaves_every_table_as_before_and_the_page_answers_503()
    {
        await using var app = new DashboardAppFactory(_database.ConnectionString, settings: new Dictionary<string, string>
        {
            ["Import:PseudonymKey"] = ImportFiles.PseudonymKey,
            ["Import:MaxFileBytes"] = (32 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await app.CreateUserAsync(StaffEmail, StaffPassword, DashboardRoles.Staff);
        var staff = await app.SignedInClientAsync(StaffEmail, StaffPassword);

        var preview = await UploadAsync(staff, ImportFiles.Csv(ImportFiles.PlacementHeader, ImportFiles.PlacementRows(1, Rows)));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var before = await ImportFiles.FingerprintAsync(_database.ConnectionString);

        var commit = CommitAsync(staff, await preview.Content.ReadAsStringAsync());
        await KillDuringTheMergeAsync(commit);
        using var answer = await commit;

        // The person sees the friendly "try again later" page.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        var html = await answer.Content.ReadAsStringAsync();
        Assert.Equal("503", (await HtmlPage.ParseAsync(html)).QuerySelector(".error-page")?.GetAttribute("data-status"));
        foreach (var leak in new[] { "Npgsql", "Exception", "   at ", "import_stage" })
        {
            Assert.DoesNotContain(leak, html, StringComparison.Ordinal);
        }

        // Crash recovery replays the log without the uncommitted transaction: not a row of the file is in any table.
        await _server.StartAsync();
        NpgsqlConnection.ClearAllPools();
        Assert.Equal(before, await ImportFiles.FingerprintAsync(_database.ConnectionString));
    }

    /// <summary>Stops PostgreSQL in immediate mode once the commit's transaction runs a merge statement.</summary>
    private async Task KillDuringTheMergeAsync(Task<HttpResponseMessage> commit)
    {
        var clock = Stopwatch.StartNew();
        await using (var watcher = new NpgsqlConnection(_database.ConnectionString))
        {
            await watcher.OpenAsync();
            await using var merging = new NpgsqlCommand(
                """
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'
                  AND query ILIKE '%import_stage%' AND query !~* '^\s*SELECT'
                """,
                watcher);
            while ((long)(await merging.ExecuteScalarAsync())! == 0)
            {
                Assert.False(commit.IsCompleted, "The commit ended before its merge could be caught.");
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), "The commit never reached its merge.");
                await Task.Delay(5);
            }
        }

        await _server.StopAsync("immediate");
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file)
    {
        var token = await DashboardAppFactory.AntiforgeryTokenAsync(client, "/Import?lang=en");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("placements"), "dataset" },
            { new StringContent("2025"), "year" },
        };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(content, "file", "placements.csv");
        return await client.PostAsync("/Import?lang=en&handler=Preview", form);
    }

    private static async Task<HttpResponseMessage> CommitAsync(HttpClient client, string previewHtml)
    {
        var form = (await HtmlPage.ParseAsync(previewHtml)).QuerySelector("form.import-commit") ?? throw new Xunit.Sdk.XunitException("No commit form on the preview.");
        return await client.PostAsync("/Import?lang=en&handler=Commit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = form.QuerySelector("input[name=token]")!.GetAttribute("value")!,
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
    }
}
