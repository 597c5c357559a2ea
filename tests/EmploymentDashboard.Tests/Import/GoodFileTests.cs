using System.Globalization;
using System.Text;
using EmploymentDashboard.Data.Import;
using EmploymentDashboard.Tests.Infrastructure;
using Npgsql;

namespace EmploymentDashboard.Tests.Import;

/// <summary>
/// Good files: every encoding, delimiter and format brings in the same rows; a re-import changes nothing;
/// overlapping imports at once leave no duplicates; a connection killed during the commit leaves nothing; the
/// dashboards' figures move by what was imported; no IIN or name is stored.
/// </summary>
public sealed class GoodFileTests
{
    private const int People = 40;

    /// <summary>Tables an import itself writes to on every commit (its audit entry and the dataset's update stamp).</summary>
    private static string DataOnly(string fingerprint) =>
        string.Join(';', fingerprint.Split(';').Where(t => !t.StartsWith("audit_log:", StringComparison.Ordinal) && !t.StartsWith("dataset_info:", StringComparison.Ordinal)));

    /// <summary>The same 40 placements written in every way the import accepts.</summary>
    public static TheoryData<string> Formats() => ["utf8-bom-comma", "utf8-semicolon", "cp1251-semicolon-russian-names", "utf8-kazakh-names-iso-dates", "utf16-tab", "xlsx"];

    private static byte[] PlacementsAs(string format)
    {
        var rows = ImportFiles.PlacementRows(1, People);
        var russian = new Dictionary<string, string> { ["karaganda-city"] = "Караганда", ["temirtau-city"] = "Темиртау", ["abay-district"] = "Абайский район", ["bukhar-zhyrau-district"] = "Бухар-Жырауский район" };
        var kazakh = new Dictionary<string, string> { ["karaganda-city"] = "Қарағанды", ["temirtau-city"] = "Теміртау", ["abay-district"] = "Абай ауданы", ["bukhar-zhyrau-district"] = "Бұқар жырау ауданы" };
        return format switch
        {
            "utf8-bom-comma" => ImportFiles.Csv(ImportFiles.PlacementHeader, rows),
            "utf8-semicolon" => ImportFiles.Csv(ImportFiles.PlacementHeader, rows, ';', bom: false),
            "cp1251-semicolon-russian-names" => ImportFiles.Csv(ImportFiles.PlacementHeader,
                rows.Select(r => (IReadOnlyList<string>)[r[0], RomanGroup(r[1]), r[2] == "female" ? "ж" : "м", r[3], russian[r[4]], r[5], r[6], r[7]]), ';', Encoding.GetEncoding(1251)),
            "utf8-kazakh-names-iso-dates" => ImportFiles.Csv(ImportFiles.PlacementHeader,
                rows.Select(r => (IReadOnlyList<string>)[r[0], r[1], r[2], r[3], kazakh[r[4]], r[5], DateOnly.ParseExact(r[6], "dd.MM.yyyy", CultureInfo.InvariantCulture).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r[7]])),
            "utf16-tab" => ImportFiles.Csv(ImportFiles.PlacementHeader, rows, '\t', new UnicodeEncoding(false, true)) is var b ? [0xFF, 0xFE, .. b] : [],
            "xlsx" => ImportFiles.Xlsx(ImportFiles.PlacementHeader, rows),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    private static string RomanGroup(string digit) => digit switch { "1" => "I", "2" => "II", _ => "III" };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Every_format_imports_the_same_rows(string format)
    {
        await using var database = await ImportDatabaseFixture.CreateDemoDatabaseAsync();
        var first = await ImportDatabaseFixture.CommitAsync(database, ImportDataset.Placements, PlacementsAs("utf8-bom-comma"));
        Assert.Empty(first.Problems);
        Assert.Equal((People, 0L, 0L), (first.Added, first.Updated, first.Unchanged));

        var same = await ImportDatabaseFixture.PreviewAsync(database, ImportDataset.Placements, PlacementsAs(format));

        Assert.Empty(same.Problems);
        Assert.Equal((People, 0L, 0L, People), (same.Rows, same.Added, same.Updated, same.Unchanged));
    }

    [Fact]
    public async Task A_commit_moves_the_dashboards_by_what_the_preview_said_and_a_reimport_changes_nothing()
    {
        await using var database = await ImportDatabaseFixture.CreateDemoDatabaseAsync();
        var file = PlacementsAs("xlsx");
        var preview = await ImportDatabaseFixture.PreviewAsync(database, ImportDataset.Placements, file);
        var totals = Assert.Single(preview.Totals);
        Assert.Equal(totals.Before.SupportEvents + People, totals.After.SupportEvents);
        Assert.Equal(totals.Before.PeopleCovered + People, totals.After.PeopleCovered);

        var committed = await ImportDatabaseFixture.CommitAsync(database, ImportDataset.Placements, file);
        Assert.True(committed.Committed);
        Assert.Equal(totals.After, Assert.Single(committed.Totals).After);

        // The rollups are in step with the base table right after the commit (the triggers ran in its transaction).
        Assert.Equal(
            await database.ScalarAsync("SELECT count(*) FROM placements WHERE date >= '2025-01-01' AND date < '2026-01-01'"),
            await database.ScalarAsync("SELECT sum(events) FROM placement_months WHERE month >= '2025-01-01' AND month < '2026-01-01'"));

        var after = DataOnly(await ImportFiles.FingerprintAsync(database.ConnectionString));
        var again = await ImportDatabaseFixture.CommitAsync(database, ImportDataset.Placements, file);
        Assert.Equal((0L, 0L, (long)People), (again.Added, again.Updated, again.Unchanged));
        Assert.Equal(after, DataOnly(await ImportFiles.FingerprintAsync(database.ConnectionString)));
        Assert.Equal(2, await database.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'import.committed' AND subject = 'placements' AND user_id = 'test-user'"));
    }

    [Fact]
    public async Task A_changed_row_is_updated_in_place_not_added()
    {
        await using var database = await ImportDatabaseFixture.CreateDemoDatabaseAsync();
        await ImportDatabaseFixture.CommitAsync(database, ImportDataset.Placements, PlacementsAs("utf8-bom-comma"));
        var rows = ImportFiles.PlacementRows(1, People);
        rows[0][4] = "saran-city";
        rows[0][1] = "3";

        var result = await ImportDatabaseFixture.CommitAsync(database, ImportDataset.Placements, ImportFiles.Csv(ImportFiles.PlacementHeader, rows));

        Assert.Equal((0L, 1L, People - 1L), (result.Added, result.Updated, result.Unchanged));
        var id = ImportFiles.Pseudonym.IdOf(rows[0][0]);
        Assert.Equal(3, await database.ScalarAsync($"SELECT disability_group FROM participants WHERE id = '{id}'"));
        Assert.Equal(1, await database.ScalarAsync($"SELECT count(*) FROM placements p JOIN districts d ON d.id = p.district_id WHERE p.participant_id = '{id}' AND d.code = 'saran-city'"));
    }

    [Fact]
    public async Task Two_overlapping_imports_at_once_leave_no_duplicates()
    {
        await using var database = await ImportDatabaseFixture.CreateDemoDatabaseAsync();
        var before = await database.ScalarAsync("SELECT count(*) FROM placements");
        var a = ImportFiles.Csv(ImportFiles.PlacementHeader, ImportFiles.PlacementRows(1, 300));
        var b = ImportFiles.Csv(ImportFiles.PlacementHeader, ImportFiles.PlacementRows(151, 300));

        var results = await Task.WhenAll(
            Task.Run(() => ImportDatabaseFixture.CommitAsync(database, ImportDataset.Placements, a)),
            Task.Run(() => ImportDatabaseFixture.CommitAsync(database, ImportDataset.Placements, b)));

        Assert.All(results, r => Assert.True(r.Committed));
        Assert.Equal(450, results.Sum(r => r.Added));
        Assert.Equal(before + 450, await database.ScalarAsync("SELECT count(*) FROM placements"));
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM (SELECT 1 FROM placements GROUP BY participant_id, measure_id, date HAVING count(*) > 1) d"));
    }

    [Fact]
    public async Task A_connection_killed_during_the_commit_leaves_nothing_half_written()
    {
        await using var database = await ImportDatabaseFixture.CreateDemoDatabaseAsync();
        var before = await ImportFiles.FingerprintAsync(database.ConnectionString);
        var file = ImportFiles.Csv(ImportFiles.PlacementHeader, ImportFiles.PlacementRows(1, 60_000));

        var import = Task.Run(() => ImportDatabaseFixture.CommitAsync(database, ImportDataset.Placements, file));
        var killed = false;
        await using (var watcher = new NpgsqlConnection(database.ConnectionString))
        {
            await watcher.OpenAsync();
            while (!import.IsCompleted && !killed)
            {
                // Kill the import's backend once it is merging into the real tables, not before.
                await using var kill = new NpgsqlCommand(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'INSERT INTO%' AND query LIKE '%import_stage%' AND state = 'active'",
                    watcher);
                killed = (long)(await kill.ExecuteScalarAsync())! > 0;
                await Task.Delay(5);
            }
        }

        Assert.True(killed, "The import finished before its connection could be killed.");
        await Assert.ThrowsAnyAsync<Exception>(() => import);
        NpgsqlConnection.ClearAllPools();
        Assert.Equal(before, await ImportFiles.FingerprintAsync(database.ConnectionString));
    }

    [Fact]
    public async Task No_iin_or_name_is_stored_and_the_same_iin_gets_the_same_id_in_every_import()
    {
        await using var database = await ImportDatabaseFixture.CreateDemoDatabaseAsync();
        var rows = ImportFiles.PlacementRows(1, 5);
        string[] header = [.. ImportFiles.PlacementHeader, "full_name"];
        var names = new[] { "Жанар Сейткалиева", "Ivanov Petr", "Әлия Нұрланқызы", "Sergey Kim", "Гульмира Ахметова" };
        var file = ImportFiles.Csv(header, rows.Select((r, i) => (IReadOnlyList<string>)[.. r, names[i]]));

        var result = await ImportDatabaseFixture.CommitAsync(database, ImportDataset.Placements, file);

        Assert.Equal(["full_name"], result.IgnoredColumns);
        var everything = await DumpAsync(database.ConnectionString);
        foreach (var row in rows)
        {
            Assert.DoesNotContain(row[0], everything, StringComparison.Ordinal);
            Assert.Equal(1, await database.ScalarAsync($"SELECT count(*) FROM participants WHERE id = '{ImportFiles.Pseudonym.IdOf(row[0])}'"));
        }

        foreach (var name in names)
        {
            Assert.DoesNotContain(name, everything, StringComparison.Ordinal);
        }

        // Another key gives other ids: the id cannot be recomputed from an IIN without the secret key.
        var other = ParticipantPseudonym.FromSetting(Convert.ToBase64String(new byte[32]))!;
        Assert.NotEqual(other.IdOf(rows[0][0]), ImportFiles.Pseudonym.IdOf(rows[0][0]));
    }

    [Fact]
    public async Task Quotas_grants_and_population_import_and_reimport_idempotently()
    {
        await using var database = await ImportDatabaseFixture.CreateDemoDatabaseAsync();
        var bin = "010540000" + "00" + EmploymentDashboard.Data.Demo.BusinessIdentificationNumber.CheckDigit("01054000000");
        var quotas = ImportFiles.Csv(
            ["bin", "employer_name", "district", "headcount", "year", "quota_status", "places_set", "places_filled", "special_workplaces", "special_impairment", "special_group"],
            [[bin, "ТОО \"Жарық; Свет\"", "Сарань", "150", "2025", "in_force", "4", "2", "2", "hearing", "II"], [bin, "ТОО \"Жарық; Свет\"", "Сарань", "150", "2025", "pending", "2", "", "", "", ""]],
            ';');
        var placements = ImportFiles.Csv(ImportFiles.PlacementHeader, [[.. ImportFiles.PlacementRows(7, 1)[0][..7], bin]], ';');
        var grants = ImportFiles.Csv(
            ["iin", "disability_group", "sex", "birth_year", "district", "date", "amount_kzt", "mci_kzt", "sector"],
            [[ImportFiles.Iin(9), "2", "male", ImportFiles.BirthYear(9).ToString(CultureInfo.InvariantCulture), "saran-city", "30.06.2025", "1 966 000,50", "3932", "crafts"]],
            ';');
        var population = ImportFiles.Xlsx(["district", "year", "people_with_disabilities", "working_age", "employed"], [["saran-city", "2025", "1300", "700", "300"]]);

        foreach (var (dataset, file) in new[] { (ImportDataset.Quotas, quotas), (ImportDataset.Placements, placements), (ImportDataset.Grants, grants), (ImportDataset.Population, population) })
        {
            var first = await ImportDatabaseFixture.CommitAsync(database, dataset, file);
            Assert.True(first.Committed, $"{dataset}: {string.Join(", ", first.Problems)}");
            var again = await ImportDatabaseFixture.CommitAsync(database, dataset, file);
            Assert.Equal((0L, 0L), (again.Added, again.Updated));
        }

        Assert.Equal(2, await database.ScalarAsync($"SELECT count(*) FROM employer_quotas q JOIN employers e ON e.id = q.employer_id WHERE e.bin = '{bin}'"));
        Assert.Equal(2, await database.ScalarAsync($"SELECT sum(count) FROM special_workplaces w JOIN employers e ON e.id = w.employer_id WHERE e.bin = '{bin}' AND w.disability_group = 2"));
        Assert.Equal(1, await database.ScalarAsync($"SELECT count(*) FROM placements p JOIN employers e ON e.id = p.employer_id WHERE e.bin = '{bin}'"));
        Assert.Equal(196_600_050, await database.ScalarAsync($"SELECT amount_kzt * 100 FROM grants WHERE participant_id = '{ImportFiles.Pseudonym.IdOf(ImportFiles.Iin(9))}'"));
        Assert.Equal(1300, await database.ScalarAsync("SELECT people_with_disabilities FROM disability_populations p JOIN districts d ON d.id = p.district_id WHERE d.code = 'saran-city' AND p.year = 2025"));
    }

    /// <summary>Every row of every table as text.</summary>
    private static async Task<string> DumpAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand($"SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM \"{table}\" t", connection);
            text.Append(await command.ExecuteScalarAsync());
        }

        return text.ToString();
    }
}
