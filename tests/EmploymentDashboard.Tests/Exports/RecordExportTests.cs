using System.Net;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Tests.Infrastructure;
using Npgsql;

namespace EmploymentDashboard.Tests.Exports;

/// <summary>Record-level exports: analysts only, recorded, filtered like the pages, streamed.</summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class RecordExportTests(DemoDatabaseFixture fixture)
{
    private const string Password = "Export-Password-42";

    private async Task<HttpClient> AnalystAsync()
    {
        var email = $"analyst-{Guid.NewGuid():N}@test.local";
        await fixture.App.CreateUserAsync(email, Password, DashboardRoles.Analyst);
        return await fixture.App.SignedInClientAsync(email, Password);
    }

    [Fact]
    public async Task Anonymous_and_staff_cannot_export_records_and_see_no_links()
    {
        var anonymous = await fixture.App.CreatePlainClient().GetAsync("/exports/records/placements.csv?year=2025");
        var staff = await (await fixture.StaffClientAsync()).GetAsync("/exports/records/placements.csv?year=2025");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/SignIn", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, staff.StatusCode);
        var page = await HtmlPage.ParseAsync(await (await fixture.StaffClientAsync()).GetStringAsync("/"));
        Assert.DoesNotContain(page.QuerySelectorAll("a"), a => a.GetAttribute("href")?.Contains("/exports/records", StringComparison.Ordinal) == true || a.GetAttribute("href") == "/Exports");
    }

    [Fact]
    public async Task An_analyst_exports_the_filtered_placements_and_the_export_is_recorded()
    {
        var client = await AnalystAsync();
        const string query = "year=2025&district=temirtau-city&measure=vacancy&headers=codes";

        var response = await client.GetAsync($"/exports/records/placements.csv?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        var rows = Csv.Parse(text);
        Assert.Equal(["placement_id", "participant_id", "measure_code", "district_code", "date", "employer_bin", "disability_group", "sex", "birth_year"], rows[0]);
        var expected = await fixture.Database.ScalarAsync(
            "SELECT count(*) FROM placements p JOIN districts d ON d.id = p.district_id JOIN support_measures m ON m.id = p.measure_id "
            + "WHERE d.code = 'temirtau-city' AND m.code = 'vacancy' AND p.date BETWEEN '2025-01-01' AND '2025-12-31'");
        Assert.Equal(expected, rows.Count - 1);
        Assert.All(rows.Skip(1), r =>
        {
            Assert.Equal("vacancy", r[2]);
            Assert.Equal("temirtau-city", r[3]);
            Assert.Matches(@"^2025-\d\d-\d\d$", r[4]);
            Assert.True(Guid.TryParse(r[1], out _));
        });

        var name = response.Content.Headers.ContentDisposition!.FileName!.Trim('"');
        Assert.StartsWith("placements_2025-01_2025-12_temirtau-city_filtered_", name, StringComparison.Ordinal);
        Assert.Equal(1, await fixture.Database.ScalarAsync(
            $"""
            SELECT count(*) FROM audit_log s JOIN audit_log e ON e.relates_to = s.id
            WHERE s.kind = 'export' AND s.action = 'export.started' AND s.subject = 'placements' AND s.details ->> 'filters' LIKE '%temirtau-city%'
              AND s.user_id IS NOT NULL AND e.action = 'export.completed' AND (e.details ->> 'rows')::bigint = {expected}
            """));
    }

    [Theory]
    [InlineData("grants", "SELECT count(*) FROM grants WHERE date BETWEEN '2025-01-01' AND '2025-12-31'")]
    [InlineData("participants", "SELECT count(*) FROM (SELECT participant_id FROM placements WHERE date BETWEEN '2025-01-01' AND '2025-12-31' UNION SELECT participant_id FROM grants WHERE date BETWEEN '2025-01-01' AND '2025-12-31') x")]
    [InlineData("quotas", "SELECT count(*) FROM employer_quotas WHERE year = 2025")]
    public async Task Every_dataset_has_the_rows_of_its_filter(string dataset, string countSql)
    {
        var client = await AnalystAsync();

        var text = (await client.GetStringAsync($"/exports/records/{dataset}.csv?year=2025")).TrimStart('\uFEFF');

        Assert.Equal(await fixture.Database.ScalarAsync(countSql), Csv.Parse(text).Count - 1);
    }

    [Fact]
    public async Task Participants_are_exported_with_pseudonymous_ids_only()
    {
        var client = await AnalystAsync();

        var rows = Csv.Parse((await client.GetStringAsync("/exports/records/participants.csv?year=2025&headers=codes")).TrimStart('\uFEFF'));

        Assert.Equal(["participant_id", "district_code", "disability_group", "sex", "birth_year", "events"], rows[0]);
        Assert.Equal(1120, rows.Count - 1);
    }

    [Fact]
    public async Task The_layout_is_remembered_by_a_post_and_a_download_never_changes_it()
    {
        var client = await AnalystAsync();

        // Downloading in the other layout answers in that layout but remembers nothing: a GET changes no state.
        var once = System.Text.Encoding.UTF8.GetString(await client.GetByteArrayAsync("/exports/records/quotas.csv?year=2025&delimiter=semicolon&headers=codes"));
        var after = System.Text.Encoding.UTF8.GetString(await client.GetByteArrayAsync("/exports/records/quotas.csv?year=2025&headers=codes"));
        Assert.StartsWith("\uFEFFemployer_bin;employer_name;", once, StringComparison.Ordinal);
        Assert.StartsWith("\uFEFFemployer_bin,employer_name,", after, StringComparison.Ordinal);

        // The Exports page's own form remembers it, and keeps the filters.
        var page = await HtmlPage.ParseAsync(await client.GetStringAsync("/Exports?year=2025"));
        var form = page.QuerySelector("form[data-layout-form]")!;
        var response = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["delimiter"] = "semicolon",
            ["__RequestVerificationToken"] = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Exports?year=2025", response.Headers.Location!.OriginalString);

        var second = System.Text.Encoding.UTF8.GetString(await client.GetByteArrayAsync("/exports/records/quotas.csv?year=2025&headers=codes"));
        Assert.StartsWith("\uFEFFemployer_bin;employer_name;", second, StringComparison.Ordinal);
        page = await HtmlPage.ParseAsync(await client.GetStringAsync("/Exports"));
        Assert.NotNull(page.QuerySelector("input[name='delimiter'][value='semicolon'][checked]"));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent([]))).StatusCode);
    }

    [Theory]
    [InlineData("/exports/records/placements.csv?year=abc", HttpStatusCode.BadRequest)]
    [InlineData("/exports/records/placements.csv?delimiter=pipe", HttpStatusCode.BadRequest)]
    [InlineData("/exports/records/placements.csv?format=xlsx", HttpStatusCode.BadRequest)]
    [InlineData("/exports/records/passwords.csv", HttpStatusCode.NotFound)]
    public async Task Bad_requests_get_a_clear_message(string url, HttpStatusCode expected)
    {
        var response = await (await AnalystAsync()).GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
    }
}

/// <summary>Exports are rate limited per user.</summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class ExportRateLimitTests(DemoDatabaseFixture fixture)
{
    [Fact]
    public async Task Too_many_exports_get_429_with_retry_after()
    {
        await using var app = new DashboardAppFactory(fixture.Database.ConnectionString, settings: new Dictionary<string, string> { ["Dashboard:ExportsPerMinute"] = "2" });
        var email = $"limited-{Guid.NewGuid():N}@test.local";
        await app.CreateUserAsync(email, "Export-Password-42", DashboardRoles.Analyst);
        var client = await app.SignedInClientAsync(email, "Export-Password-42");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/exports/records/quotas.csv?year=2025")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/exports/records/quotas.csv?year=2025")).StatusCode);
        var limited = await client.GetAsync("/exports/records/quotas.csv?year=2025");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
    }
}

/// <summary>Runs alone, after the parallel tests, so that the memory it measures is the export's own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "Memory measurement";
}

/// <summary>A large export streams: the row count is right and the server's memory does not grow with the rows.</summary>
[Collection(MemoryMeasurementCollection.Name)]
public sealed class LargeExportTests : IAsyncLifetime
{
    private const int ExtraRows = 200_000;
    private TestDatabase _database = null!;
    private DashboardAppFactory _app = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using (var db = _database.CreateContext())
        {
            await EmploymentDashboard.Data.Demo.DemoDataLoader.SeedIfEmptyAsync(db);
        }

        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            $"""
            INSERT INTO placements (participant_id, measure_id, district_id, date)
            SELECT p.participant_id, p.measure_id, p.district_id, DATE '2025-01-01' + (g % 365)
            FROM generate_series(1, {ExtraRows}) AS g
            JOIN LATERAL (SELECT participant_id, measure_id, district_id FROM placements ORDER BY id OFFSET (g % 1000) LIMIT 1) p ON true
            """, connection) { CommandTimeout = 300 };
        await insert.ExecuteNonQueryAsync();
        _app = new DashboardAppFactory(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_cancelled_download_cancels_the_query_and_is_recorded_as_cancelled()
    {
        await _app.CreateUserAsync("cancel@test.local", "Export-Password-42", DashboardRoles.Analyst);
        var client = await _app.SignedInClientAsync("cancel@test.local", "Export-Password-42");

        using (var response = await client.GetAsync("/exports/records/placements.csv?year=2025", HttpCompletionOption.ResponseHeadersRead))
        {
            await using var body = await response.Content.ReadAsStreamAsync();
            using var reader = new StreamReader(body);
            for (var i = 0; i < 1000; i++)
            {
                Assert.NotNull(await reader.ReadLineAsync());
            }
        }

        // The server sees the abort, stops reading from PostgreSQL and closes the record.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await _database.ScalarAsync("SELECT count(*) FROM audit_log WHERE user_name = 'cancel@test.local' AND action = 'export.cancelled'") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The cancelled export was not recorded as cancelled.");
            await Task.Delay(200);
        }

        var rows = await _database.ScalarAsync("SELECT coalesce((details ->> 'rows')::bigint, 0) FROM audit_log WHERE user_name = 'cancel@test.local' AND action = 'export.cancelled'");
        Assert.True(rows < ExtraRows, $"The export ran on to {rows} rows after the download was cancelled.");
        Assert.Equal(0, await _database.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%FROM placements AS p%' AND state = 'active' AND pid <> pg_backend_pid()"));
    }

    [Fact]
    public async Task A_200000_row_export_completes_with_flat_memory()
    {
        await _app.CreateUserAsync("big@test.local", "Export-Password-42", DashboardRoles.Analyst);
        var client = await _app.SignedInClientAsync("big@test.local", "Export-Password-42");
        var expected = await _database.ScalarAsync("SELECT count(*) FROM placements WHERE date BETWEEN '2025-01-01' AND '2025-12-31'");
        Assert.True(expected > ExtraRows);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        using var response = await client.GetAsync("/exports/records/placements.csv?year=2025", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body);
        long lines = 0;
        long bytes = 0;
        long peak = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            lines++;
            bytes += line.Length + 2;
            if (lines % 50_000 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
            }
        }

        Assert.Equal(expected + 1, lines);

        // The file is tens of megabytes; holding the rows or the file would show here. Streaming keeps the live heap small.
        Assert.True(bytes > 15_000_000, $"The export was {bytes} bytes.");
        Assert.True(peak < bytes / 3, $"Live memory grew by {peak:N0} bytes during a {bytes:N0}-byte export.");
    }
}
