using System.Globalization;
using System.Text;
using EmploymentDashboard.Data.Demo;
using EmploymentDashboard.Data.Import;
using EmploymentDashboard.Tests.Import;
using EmploymentDashboard.Tests.Infrastructure;
using EmploymentDashboard.Web.Infrastructure;
using Npgsql;

namespace EmploymentDashboard.Tests.Data;

/// <summary>
/// The demo data set as import files: loaded through the importer it gives exactly the rows of the generator's
/// direct load, in every table; the files name people by participant id and carry no IIN; the write-demo-files
/// command writes them, and importing them again into the demo changes nothing.
/// </summary>
public sealed class DemoImportTests
{
    /// <summary>Columns that differ between two loads of the same rows by design: surrogate keys, random record keys, times of writing.</summary>
    private static readonly string[] Ignored = ["id", "record_key", "key_sum", "filled_key_sum", "events_key_sum", "people_key_sum", "version", "last_updated"];

    [Fact]
    public async Task Loaded_through_the_import_the_demo_has_every_row_of_the_direct_load_in_every_table()
    {
        await using var imported = await TestDatabase.CreateAsync();
        await using var direct = await TestDatabase.CreateAsync();
        await using (var db = imported.CreateContext())
        {
            Assert.True(await DemoDataLoader.SeedIfEmptyAsync(db));
        }

        await using (var db = direct.CreateContext())
        {
            Assert.True(await DemoDataLoader.SeedIfEmptyAsync(db, path: DemoLoadPath.Direct));
        }

        var tables = await TablesAsync(direct.ConnectionString);
        Assert.Contains("placements", tables);
        Assert.Contains("placement_months", tables);
        foreach (var table in tables)
        {
            var expected = await ContentAsync(direct.ConnectionString, table);
            var actual = await ContentAsync(imported.ConnectionString, table);
            Assert.True(expected == actual, $"Table {table} differs: direct {expected}, through the import {actual}.");
        }

        Assert.True(await imported.ScalarAsync("SELECT count(*) FROM placements") > 2_000);

        // The import path is on record: one entry per demo file, by the system (no account).
        var files = DemoImportFiles.Create(new DemoDataGenerator().Generate());
        Assert.Equal(12, files.Count);
        Assert.Equal(files.Count, await imported.ScalarAsync("SELECT count(*) FROM audit_log WHERE kind = 'import' AND action = 'import.committed' AND user_id IS NULL"));
        Assert.Equal(1, await imported.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'import.committed' AND details ->> 'file' = '2025-placements.csv' AND (details ->> 'added')::int > 900"));
        Assert.Equal(0, await direct.ScalarAsync("SELECT count(*) FROM audit_log"));
    }

    [Fact]
    public void The_files_follow_the_import_columns_and_name_people_by_participant_id_never_by_iin()
    {
        var set = new DemoDataGenerator().Generate();
        var files = DemoImportFiles.Create(set);

        Assert.Equal(
            [.. new[] { 2023, 2024, 2025 }.SelectMany(y => new[] { $"{y}-population.csv", $"{y}-quotas.csv", $"{y}-placements.csv", $"{y}-grants.csv" })],
            files.Select(f => f.FileName));
        foreach (var file in files)
        {
            var rows = Csv.Parse(Encoding.UTF8.GetString(file.Content).TrimStart('\uFEFF'));
            Assert.Equal(ImportDefinition.For(file.Dataset).Columns.Select(c => c.Code), rows[0]);
            Assert.True(rows.Count > 1, file.FileName);
            if (file.Dataset is ImportDataset.Placements or ImportDataset.Grants)
            {
                var iin = Array.IndexOf(rows[0], "iin");
                var id = Array.IndexOf(rows[0], "participant_id");
                Assert.All(rows.Skip(1), r => Assert.Equal(string.Empty, r[iin]));
                Assert.All(rows.Skip(1), r => Assert.True(Guid.TryParse(r[id], out _), r[id]));
            }
        }

        var placements = files.Single(f => f.FileName == "2025-placements.csv");
        Assert.Equal(set.Placements.Count(p => p.Date.Year == 2025), Csv.Parse(Encoding.UTF8.GetString(placements.Content).TrimStart('\uFEFF')).Count - 1);
    }

    [Fact]
    public async Task The_command_writes_the_files_and_importing_them_into_the_demo_changes_nothing()
    {
        var directory = Path.Combine(Path.GetTempPath(), "demo-files-" + Guid.NewGuid().ToString("N"));
        try
        {
            var output = new StringWriter(CultureInfo.InvariantCulture);
            var error = new StringWriter(CultureInfo.InvariantCulture);
            Assert.Equal(0, await DemoFilesCommand.RunAsync([directory], output, error));
            Assert.Equal(12, Directory.GetFiles(directory, "*.csv").Length);
            Assert.Contains(Path.Combine(directory, "2025-grants.csv"), output.ToString(), StringComparison.Ordinal);
            Assert.Equal(string.Empty, error.ToString());

            await using var database = await ImportDatabaseFixture.CreateDemoDatabaseAsync();
            foreach (var (dataset, name) in new[] { (ImportDataset.Quotas, "2025-quotas.csv"), (ImportDataset.Placements, "2025-placements.csv"), (ImportDataset.Grants, "2024-grants.csv") })
            {
                var year = int.Parse(name[..4], CultureInfo.InvariantCulture);
                var result = await ImportDatabaseFixture.PreviewAsync(database, dataset, await File.ReadAllBytesAsync(Path.Combine(directory, name)), year);
                Assert.Empty(result.Problems);
                Assert.Equal((0L, 0L, result.Rows), (result.Added, result.Updated, result.Unchanged));
            }

            var usage = new StringWriter(CultureInfo.InvariantCulture);
            Assert.Equal(2, await DemoFilesCommand.RunAsync([], TextWriter.Null, usage));
            Assert.Contains("write-demo-files ./demo-files", usage.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_participant_id_column_stands_in_for_the_iin_and_is_checked()
    {
        await using var database = await ImportDatabaseFixture.CreateDemoDatabaseAsync();
        string[] header = ["participant_id", "disability_group", "sex", "birth_year", "district", "measure", "date"];
        var person = Guid.Parse("5f0c2a9e-7d1b-4c3a-9e8f-0a1b2c3d4e5f");

        var good = await ImportDatabaseFixture.CommitAsync(database, ImportDataset.Placements, ImportFiles.Csv(header, [[person.ToString(), "2", "male", "1980", "abay-district", "vacancy", "2025-05-05"]]));
        Assert.True(good.Committed, string.Join(", ", good.Problems));
        Assert.Equal(1, await database.ScalarAsync($"SELECT count(*) FROM placements WHERE participant_id = '{person}' AND date = DATE '2025-05-05'"));

        var badId = await ImportDatabaseFixture.PreviewAsync(database, ImportDataset.Placements, ImportFiles.Csv(header, [["12345", "2", "male", "1980", "abay-district", "vacancy", "2025-05-05"]]));
        var problem = Assert.Single(badId.Problems);
        Assert.Equal((2L, "participant_id", ImportProblemCode.ParticipantIdFormat, "12345"), (problem.Row, problem.Column, problem.Code, problem.Detail));

        string[] both = ["iin", .. header];
        var twice = await ImportDatabaseFixture.PreviewAsync(database, ImportDataset.Placements, ImportFiles.Csv(both, [[ImportFiles.Iin(7), person.ToString(), "2", "male", "1980", "abay-district", "vacancy", "2025-05-05"]]));
        Assert.Equal(ImportProblemCode.IinAndParticipantId, Assert.Single(twice.Problems).Code);

        var neither = await ImportDatabaseFixture.PreviewAsync(database, ImportDataset.Placements, ImportFiles.Csv(header[1..], [["2", "male", "1980", "abay-district", "vacancy", "2025-05-05"]]));
        Assert.Equal((ImportProblemCode.HeaderMissingColumns, "iin"), (Assert.Single(neither.Problems).Code, Assert.Single(neither.Problems).Detail));
    }

    private static async Task<List<string>> TablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('__EFMigrationsHistory', 'audit_log') ORDER BY tablename", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    /// <summary>The table's rows as (count, checksum), without the ignored columns and with employers named by BIN rather than by their surrogate id.</summary>
    private static async Task<string> ContentAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        bool hasEmployer;
        await using (var columns = new NpgsqlCommand("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_name = 'employer_id'", connection))
        {
            columns.Parameters.Add(new NpgsqlParameter { Value = table });
            hasEmployer = (long)(await columns.ExecuteScalarAsync())! > 0;
        }

        var row = "to_jsonb(t)" + string.Concat(Ignored.Select(c => $" - '{c}'"));
        if (hasEmployer)
        {
            row = $"({row} - 'employer_id') || jsonb_build_object('employer_bin', (SELECT e.bin FROM employers e WHERE e.id = t.employer_id))";
        }

        await using var command = new NpgsqlCommand($"SELECT count(*) || ':' || coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), '') FROM (SELECT {row} AS r FROM \"{table}\" t) x", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
