using System.Net;
using System.Text;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Tests.Infrastructure;
using Npgsql;

namespace EmploymentDashboard.Tests.Import;

/// <summary>
/// Import previews live in PostgreSQL, not in an instance's memory or temp folder (issue 11, several instances):
/// a preview made through one app process is committed through another against the same database, as behind a
/// round-robin proxy without sticky sessions; only its user can commit it, only within the hour, and only once —
/// also when two commits of it arrive at the same time. Its checked rows are stored in chunks of at most 1 MiB and
/// hold pseudonymous ids, never an IIN.
/// </summary>
public sealed class ImportPreviewSharingTests
{
    private const string Password = "Ferry-Basalt-Orchid-73";

    [Fact]
    public async Task A_preview_made_on_one_instance_is_committed_on_another_and_only_by_its_user()
    {
        await using var database = await ImportDatabaseFixture.CreateDemoDatabaseAsync();
        await using (var setup = new DashboardAppFactory(database.ConnectionString))
        {
            await setup.CreateUserAsync("preview-owner@test.local", Password, DashboardRoles.Staff);
            await setup.CreateUserAsync("preview-other@test.local", Password, DashboardRoles.Admin);
        }

        var environment = new Dictionary<string, string> { ["Import__PseudonymKey"] = ImportFiles.PseudonymKey };
        await using var first = await WebProcess.StartAsync(database.ConnectionString, environment);
        await using var second = await WebProcess.StartAsync(database.ConnectionString, environment);

        // One browser whose requests the proxy sends to either instance: the same cookies go to both.
        var jar = new CookieJar();
        using var onFirst = first.CreateClient(jar);
        using var onSecond = new HttpClient(jar, disposeHandler: false) { BaseAddress = second.BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        onSecond.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardAppFactory.SignInAsync(onFirst, "preview-owner@test.local", Password)).StatusCode);

        // Enough rows for several chunks, so the commit reads the rows back across chunk boundaries.
        var rows = ImportFiles.PlacementRows(20_000, 40_000);
        var preview = await ImportPageTests.UploadAsync(onFirst, "placements", ImportFiles.Csv(ImportFiles.PlacementHeader, rows), "shared.csv");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM import_previews WHERE file_name = 'shared.csv' AND has_rows"));
        Assert.True(await database.ScalarAsync("SELECT count(*) FROM import_preview_chunks") >= 2);
        Assert.Equal(0, await database.ScalarAsync($"SELECT count(*) FROM import_preview_chunks WHERE length(data) > {1024 * 1024}"));
        var token = (await HtmlPage.ParseAsync(html)).QuerySelector("form.import-commit input[name=token]")!.GetAttribute("value")!;

        // Another account, on the other instance, with the token: refused as if the preview did not exist.
        var otherJar = new CookieJar();
        using var other = second.CreateClient(otherJar);
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardAppFactory.SignInAsync(other, "preview-other@test.local", Password)).StatusCode);
        var stolen = await CommitTokenAsync(other, token);
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.Contains("has expired", await stolen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(404, (int)(await other.GetAsync($"/Import?handler=Problems&token={token}")).StatusCode);
        Assert.Equal(0, await database.ScalarAsync($"SELECT count(*) FROM participants WHERE id = '{ImportFiles.Pseudonym.IdOf(rows[0][0])}'"));

        // Its user, sent to the second instance by the proxy.
        var committed = await ImportPageTests.CommitAsync(onSecond, html);
        Assert.True(committed.StatusCode == HttpStatusCode.OK, $"{committed.StatusCode}: {second.Output}");
        Assert.NotNull((await HtmlPage.ParseAsync(await committed.Content.ReadAsStringAsync())).QuerySelector("[data-import-committed]"));
        Assert.Equal(rows.Count, await database.ScalarAsync($"SELECT count(*) FROM participants WHERE id IN ({string.Join(',', rows.Select(r => $"'{ImportFiles.Pseudonym.IdOf(r[0])}'"))})"));
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'import.committed' AND details ->> 'file' = 'shared.csv' AND (details ->> 'added')::int = 40000"));
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM import_previews"));
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM import_preview_chunks"));

        // Back on the first instance, the same preview again: already committed.
        var again = await ImportPageTests.CommitAsync(onFirst, html);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("has expired", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'import.committed' AND details ->> 'file' = 'shared.csv'"));
        Assert.False(first.HasExited || second.HasExited, first.Output + second.Output);
    }

    [Fact]
    public async Task Two_commits_of_one_preview_at_the_same_time_import_it_once_and_the_other_is_told_it_has_expired()
    {
        await using var database = await ImportDatabaseFixture.CreateDemoDatabaseAsync();
        await using var app = ImportApp(database);
        var staff = await StaffAsync(app, "twice@test.local");
        var rows = ImportFiles.PlacementRows(70_000, 3_000);
        var preview = await ImportPageTests.UploadAsync(staff, "placements", ImportFiles.Csv(ImportFiles.PlacementHeader, rows), "twice.csv");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = await preview.Content.ReadAsStringAsync();

        var answers = await Task.WhenAll(ImportPageTests.CommitAsync(staff, html), ImportPageTests.CommitAsync(staff, html));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.BadRequest], answers.Select(a => a.StatusCode).Order());
        var refused = answers.Single(a => a.StatusCode == HttpStatusCode.BadRequest);
        Assert.Contains("has expired", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'import.committed' AND details ->> 'file' = 'twice.csv' AND (details ->> 'added')::int = 3000"));
        Assert.Equal(rows.Count, await database.ScalarAsync($"SELECT count(*) FROM participants WHERE id IN ({string.Join(',', rows.Select(r => $"'{ImportFiles.Pseudonym.IdOf(r[0])}'"))})"));
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM import_previews"));
    }

    [Fact]
    public async Task An_expired_preview_is_refused_with_the_expiry_message_even_before_it_is_deleted_and_a_new_preview_deletes_it()
    {
        await using var database = await ImportDatabaseFixture.CreateDemoDatabaseAsync();
        await using var app = ImportApp(database);
        var staff = await StaffAsync(app, "expired@test.local");
        var rows = ImportFiles.PlacementRows(80_000, 10);
        var preview = await ImportPageTests.UploadAsync(staff, "placements", ImportFiles.Csv(ImportFiles.PlacementHeader, rows), "old.csv");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = await preview.Content.ReadAsStringAsync();
        var token = (await HtmlPage.ParseAsync(html)).QuerySelector("form.import-commit input[name=token]")!.GetAttribute("value")!;

        // Saved with an hour to live.
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM import_previews WHERE file_name = 'old.csv' AND expires_at BETWEEN now() + interval '59 minutes' AND now() + interval '61 minutes'"));

        // The hour is over, but nothing has deleted the rows yet.
        Assert.Equal(1, await database.ScalarAsync("UPDATE import_previews SET expires_at = now() - interval '1 second' WHERE file_name = 'old.csv' RETURNING 1"));
        var before = await ImportFiles.FingerprintAsync(database.ConnectionString);
        var commit = await ImportPageTests.CommitAsync(staff, html);

        Assert.Equal(HttpStatusCode.BadRequest, commit.StatusCode);
        Assert.Contains("has expired", await commit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/Import?handler=Problems&token={token}")).StatusCode);
        Assert.Equal(before, await ImportFiles.FingerprintAsync(database.ConnectionString));

        // The next preview saved (by anyone) deletes it with its rows.
        var next = await ImportPageTests.UploadAsync(staff, "placements", ImportFiles.Csv(ImportFiles.PlacementHeader, ImportFiles.PlacementRows(81_000, 5)), "new.csv");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM import_previews WHERE file_name = 'old.csv'"));
        Assert.Equal(0, await database.ScalarAsync($"SELECT count(*) FROM import_preview_chunks WHERE token = '{token}'"));
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM import_previews WHERE file_name = 'new.csv'"));
    }

    [Fact]
    public async Task A_stored_preview_holds_pseudonymous_ids_and_no_iin_and_a_file_with_problems_keeps_no_rows()
    {
        await using var database = await ImportDatabaseFixture.CreateDemoDatabaseAsync();
        await using var app = ImportApp(database);
        var staff = await StaffAsync(app, "no-iin@test.local");
        var rows = ImportFiles.PlacementRows(90_000, 200);

        var preview = await ImportPageTests.UploadAsync(staff, "placements", ImportFiles.Csv(ImportFiles.PlacementHeader, rows), "people.csv");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);

        var stored = await StoredBytesAsync(database);
        Assert.True(Holds(stored, ImportFiles.Pseudonym.IdOf(rows[0][0]).ToByteArray()), "The checked rows hold the pseudonymous id.");
        foreach (var row in rows)
        {
            Assert.False(Holds(stored, Encoding.UTF8.GetBytes(row[0])), "An IIN is stored with a preview.");
        }

        // A file with problems: its page and problem report are kept, no rows.
        var bad = ImportFiles.PlacementRows(91_000, 50);
        bad[10][1] = "IV";
        var refused = await ImportPageTests.UploadAsync(staff, "placements", ImportFiles.Csv(ImportFiles.PlacementHeader, bad), "bad.csv");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM import_previews WHERE file_name = 'bad.csv' AND NOT has_rows"));
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM import_preview_chunks c JOIN import_previews p USING (token) WHERE p.file_name = 'bad.csv'"));
        var report = await staff.GetAsync((await HtmlPage.ParseAsync(await refused.Content.ReadAsStringAsync())).QuerySelector("a[data-problem-report]")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Contains("disability_group", await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        stored = await StoredBytesAsync(database);
        foreach (var row in bad)
        {
            Assert.False(Holds(stored, Encoding.UTF8.GetBytes(row[0])), "An IIN is stored with a preview.");
        }
    }

    [Fact]
    public async Task Previews_are_kept_on_the_primary_and_never_where_the_dashboards_read()
    {
        await using var database = await ImportDatabaseFixture.CreateDemoDatabaseAsync();
        await using var reads = await ImportDatabaseFixture.CreateDemoDatabaseAsync();
        await using var app = new DashboardAppFactory(database.ConnectionString, settings: new Dictionary<string, string>
        {
            ["Import:PseudonymKey"] = ImportFiles.PseudonymKey,
            ["ConnectionStrings:DashboardReads"] = reads.ConnectionString,
        });
        var staff = await StaffAsync(app, "primary@test.local");

        var preview = await ImportPageTests.UploadAsync(staff, "placements", ImportFiles.Csv(ImportFiles.PlacementHeader, ImportFiles.PlacementRows(95_000, 20)), "primary.csv");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM import_previews WHERE file_name = 'primary.csv'"));
        Assert.Equal(0, await reads.ScalarAsync("SELECT count(*) FROM import_previews"));

        var committed = await ImportPageTests.CommitAsync(staff, await preview.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, committed.StatusCode);
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM import_previews"));
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'import.committed' AND details ->> 'file' = 'primary.csv'"));
        Assert.Equal(0, await reads.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'import.committed' AND details ->> 'file' = 'primary.csv'"));
    }

    private static DashboardAppFactory ImportApp(TestDatabase database) =>
        new(database.ConnectionString, settings: new Dictionary<string, string> { ["Import:PseudonymKey"] = ImportFiles.PseudonymKey });

    private static async Task<HttpClient> StaffAsync(DashboardAppFactory app, string email)
    {
        await app.CreateUserAsync(email, Password, DashboardRoles.Staff);
        return await app.SignedInClientAsync(email, Password);
    }

    /// <summary>Posts a commit of a preview token with the client's own antiforgery token.</summary>
    private static async Task<HttpResponseMessage> CommitTokenAsync(HttpClient client, string token)
    {
        var antiforgery = await DashboardAppFactory.AntiforgeryTokenAsync(client, "/Import?lang=en");
        return await client.PostAsync("/Import?lang=en&handler=Commit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["__RequestVerificationToken"] = antiforgery,
        }));
    }

    private static bool Holds(byte[] stored, byte[] value) => stored.AsSpan().IndexOf(value) >= 0;

    /// <summary>Everything stored about previews, every column of both tables, as bytes.</summary>
    private static async Task<byte[]> StoredBytesAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT convert_to(p::text, 'UTF8') FROM import_previews p
            UNION ALL SELECT data FROM import_preview_chunks
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        using var all = new MemoryStream();
        while (await reader.ReadAsync())
        {
            var bytes = (byte[])reader[0];
            all.Write(bytes);
        }

        return all.ToArray();
    }
}
