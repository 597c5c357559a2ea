using System.Net;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Import;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Import;

/// <summary>
/// Imports in the audit trail: a commit writes exactly one import.committed entry with its counts, in the import's
/// own transaction; a preview writes none; a commit that is refused or fails writes no committed entry, and on the
/// import page it is recorded as import.refused or import.failed instead.
/// </summary>
public sealed class ImportAuditTests : IAsyncLifetime
{
    private const string Password = "Harbour-Quill-Saffron-64";
    private TestDatabase? _database;
    private DashboardAppFactory? _app;

    private TestDatabase Database => _database!;

    private DashboardAppFactory App => _app!;

    public async Task InitializeAsync()
    {
        _database = await ImportDatabaseFixture.CreateDemoDatabaseAsync();
        _app = new DashboardAppFactory(_database.ConnectionString, settings: new Dictionary<string, string>
        {
            ["Import:PseudonymKey"] = ImportFiles.PseudonymKey,
        });
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }

    private Task<long> ImportEntriesAsync(string action = "import.committed") =>
        Database.ScalarAsync($"SELECT count(*) FROM audit_log WHERE kind = 'import' AND action = '{action}'");

    [Fact]
    public async Task A_commit_adds_exactly_one_audit_entry_with_who_the_file_and_the_counts()
    {
        var before = await Database.ScalarAsync("SELECT count(*) FROM audit_log");
        var rows = ImportFiles.PlacementRows(2_000, 12);
        await ImportDatabaseFixture.CommitAsync(Database, ImportDataset.Placements, ImportFiles.Csv(ImportFiles.PlacementHeader, rows));
        rows[0][1] = rows[0][1] == "1" ? "2" : "1";

        var result = await ImportDatabaseFixture.CommitAsync(Database, ImportDataset.Placements, ImportFiles.Csv(ImportFiles.PlacementHeader, [.. rows, .. ImportFiles.PlacementRows(2_100, 3)]));

        Assert.True(result.Committed);
        Assert.Equal((3L, 1L, 11L), (result.Added, result.Updated, result.Unchanged));
        Assert.Equal(before + 2, await Database.ScalarAsync("SELECT count(*) FROM audit_log"));
        Assert.Equal(1, await Database.ScalarAsync(
            """
            SELECT count(*) FROM audit_log
            WHERE id = (SELECT max(id) FROM audit_log) AND kind = 'import' AND action = 'import.committed' AND subject = 'placements'
              AND user_id = 'test-user' AND user_name = 'test@test.local' AND details ->> 'file' = 'file.csv' AND (details ->> 'year')::int = 2025
              AND (details ->> 'rows')::int = 15 AND (details ->> 'added')::int = 3 AND (details ->> 'updated')::int = 1 AND (details ->> 'unchanged')::int = 11
              AND occurred_at > now() - interval '10 minutes'
            """));
    }

    [Fact]
    public async Task A_preview_and_a_refused_commit_add_no_entry()
    {
        var before = await ImportFiles.FingerprintAsync(Database.ConnectionString);

        var preview = await ImportDatabaseFixture.PreviewAsync(Database, ImportDataset.Placements, ImportFiles.Csv(ImportFiles.PlacementHeader, ImportFiles.PlacementRows(3_000, 5)));
        var bad = ImportFiles.PlacementRows(3_000, 5);
        bad[2][1] = "IV";
        var refused = await ImportDatabaseFixture.CommitAsync(Database, ImportDataset.Placements, ImportFiles.Csv(ImportFiles.PlacementHeader, bad));

        Assert.Equal(5, preview.Added);
        Assert.False(refused.Committed);
        Assert.Equal(before, await ImportFiles.FingerprintAsync(Database.ConnectionString));
    }

    [Fact]
    public async Task A_commit_that_fails_after_its_entry_was_written_leaves_no_committed_entry()
    {
        var committed = await ImportEntriesAsync();
        var rows = ImportFiles.PlacementRows(4_000, 20);

        // The last statement of a commit (the dataset's update stamp, after the audit entry) fails: everything rolls back.
        await Database.ScalarAsync("""
            CREATE FUNCTION test_refuse_stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'stamp refused by the test'; END; $$;
            CREATE TRIGGER test_refuse_stamp BEFORE UPDATE ON dataset_info FOR EACH STATEMENT EXECUTE FUNCTION test_refuse_stamp();
            SELECT 1
            """);
        var failure = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => ImportDatabaseFixture.CommitAsync(Database, ImportDataset.Placements, ImportFiles.Csv(ImportFiles.PlacementHeader, rows)));

        Assert.Contains("stamp refused by the test", failure.MessageText, StringComparison.Ordinal);
        Assert.Equal(committed, await ImportEntriesAsync());
        Assert.Equal(0, await Database.ScalarAsync($"SELECT count(*) FROM participants WHERE id = '{ImportFiles.Pseudonym.IdOf(rows[0][0])}'"));
    }

    [Fact]
    public async Task On_the_page_a_preview_adds_nothing_and_a_commit_refused_because_the_data_changed_is_recorded_as_refused()
    {
        var staff = await StaffAsync("refused@test.local");
        var bin = "01054000000" + EmploymentDashboard.Data.Demo.BusinessIdentificationNumber.CheckDigit("01054000000");
        Assert.Equal(IdentificationNumber.Check.Valid, IdentificationNumber.CheckBin(bin));
        await Database.ScalarAsync($"INSERT INTO employers (bin, name, district_id, headcount) SELECT '{bin}', 'ТОО «Проверка»', id, 80 FROM districts WHERE code = 'karaganda-city' RETURNING 1");
        var rows = ImportFiles.PlacementRows(5_000, 4);
        rows[0][7] = bin;
        var before = await Database.ScalarAsync("SELECT count(*) FROM audit_log");

        var preview = await ImportPageTests.UploadAsync(staff, "placements", ImportFiles.Csv(ImportFiles.PlacementHeader, rows), "refused.csv");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal(before, await Database.ScalarAsync("SELECT count(*) FROM audit_log"));

        // The employer goes away between the preview and the commit: the commit's own checks refuse the file.
        await Database.ScalarAsync($"DELETE FROM employers WHERE bin = '{bin}' RETURNING 1");
        var commit = await ImportPageTests.CommitAsync(staff, await preview.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, commit.StatusCode);
        Assert.Equal(before + 1, await Database.ScalarAsync("SELECT count(*) FROM audit_log"));
        Assert.Equal(1, await Database.ScalarAsync(
            """
            SELECT count(*) FROM audit_log WHERE kind = 'import' AND action = 'import.refused' AND subject = 'placements'
              AND user_name = 'refused@test.local' AND details ->> 'file' = 'refused.csv' AND (details ->> 'problems')::int = 1
              AND client_address IS NOT NULL
            """));
        Assert.Equal(0, await Database.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'import.committed' AND user_name = 'refused@test.local'"));
    }

    [Fact]
    public async Task On_the_page_a_commit_that_fails_is_recorded_as_failed_and_writes_nothing_else()
    {
        var staff = await StaffAsync("failed@test.local");
        var preview = await ImportPageTests.UploadAsync(staff, "placements", ImportFiles.Csv(ImportFiles.PlacementHeader, ImportFiles.PlacementRows(6_000, 30)), "failed.csv");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var before = await ImportFiles.FingerprintAsync(Database.ConnectionString);

        // The checked rows waiting for the commit are cut short (a full disk, a crash): reading them fails mid-commit.
        Assert.Equal(1, await Database.ScalarAsync(
            "UPDATE import_preview_chunks SET data = substring(data FROM 1 FOR length(data) / 2) WHERE token = (SELECT token FROM import_previews WHERE file_name = 'failed.csv') RETURNING 1"));
        before = await ImportFiles.FingerprintAsync(Database.ConnectionString);

        var commit = await ImportPageTests.CommitAsync(staff, await preview.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.InternalServerError, commit.StatusCode);
        Assert.Equal(1, await Database.ScalarAsync(
            "SELECT count(*) FROM audit_log WHERE kind = 'import' AND action = 'import.failed' AND subject = 'placements' AND user_name = 'failed@test.local' AND details ->> 'file' = 'failed.csv'"));
        Assert.Equal(0, await Database.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'import.committed' AND user_name = 'failed@test.local'"));
        var after = await ImportFiles.FingerprintAsync(Database.ConnectionString);
        Assert.Equal(WithoutAudit(before), WithoutAudit(after));

        // The commit rolled back, so the preview is there again (the same cut rows: it fails the same way).
        Assert.Equal(1, await Database.ScalarAsync("SELECT count(*) FROM import_previews WHERE file_name = 'failed.csv' AND has_rows"));
    }

    private static string WithoutAudit(string fingerprint) =>
        string.Join(';', fingerprint.Split(';').Where(t => !t.StartsWith("audit_log:", StringComparison.Ordinal) && !t.StartsWith("asp_net_users:", StringComparison.Ordinal)));

    private async Task<HttpClient> StaffAsync(string email)
    {
        await App.CreateUserAsync(email, Password, DashboardRoles.Staff);
        return await App.SignedInClientAsync(email, Password);
    }
}
