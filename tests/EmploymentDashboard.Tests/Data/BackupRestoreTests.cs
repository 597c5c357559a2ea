using System.Diagnostics;
using EmploymentDashboard.Data.Demo;
using EmploymentDashboard.Tests.Infrastructure;
using Npgsql;

namespace EmploymentDashboard.Tests.Data;

/// <summary>
/// scripts/backup.sh and scripts/restore.sh against a throwaway PostgreSQL server: the restored database holds every
/// table of the original with the same rows (rollups and the migrations history included) and the same triggers;
/// a restore never overwrites an existing database.
/// </summary>
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private PostgresServer _server = null!;
    private TestDatabase _database = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartPrimaryAsync();
        _database = await TestDatabase.CreateAsync(adminConnectionString: _server.ConnectionString());
        await using (var db = _database.CreateContext())
        {
            await DemoDataLoader.SeedIfEmptyAsync(db);
        }

        await _server.ExecuteAsync(
            "INSERT INTO audit_log (user_id, user_name, kind, action, subject, details) VALUES ('u1', 'имя; \"quoted\"', 'export', 'export.started', 'placements', '{\"filters\": \"?year=2024\"}')",
            _database.Name);
        _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"employment-dashboard-backup-{Guid.NewGuid():N}")).FullName;
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_backup_restored_into_a_new_database_has_every_row_of_the_original()
    {
        var file = Path.Combine(_folder, "dashboard.dump");
        var (backup, backupOutput) = await RunScriptAsync("backup.sh", "--output", file);
        Assert.True(backup == 0, backupOutput);
        Assert.True(File.Exists(file));
        Assert.False(File.Exists(file + ".partial"));

        var (restore, restoreOutput) = await RunScriptAsync("restore.sh", file, "--database", "restored");
        Assert.True(restore == 0, restoreOutput);

        var tables = await TablesAsync(_database.Name);
        Assert.Contains("placements", tables);
        Assert.Contains("placement_months", tables);
        Assert.Contains("__EFMigrationsHistory", tables);
        Assert.Equal(tables, await TablesAsync("restored"));
        foreach (var table in tables)
        {
            var sql = $"SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{table}\" t";
            var original = await _server.ScalarAsync<string>(sql, _database.Name);
            Assert.Equal(original, await _server.ScalarAsync<string>(sql, "restored"));
        }

        const string triggers = "SELECT string_agg(tgname, ',' ORDER BY tgname) FROM pg_trigger WHERE NOT tgisinternal";
        Assert.Equal(await _server.ScalarAsync<string>(triggers, _database.Name), await _server.ScalarAsync<string>(triggers, "restored"));
        Assert.True(await _server.ScalarAsync<long>("SELECT count(*) FROM placements", "restored") > 1000);
    }

    [Fact]
    public async Task A_restore_refuses_to_overwrite_an_existing_database()
    {
        var file = Path.Combine(_folder, "again.dump");
        Assert.Equal(0, (await RunScriptAsync("backup.sh", "--output", file)).ExitCode);

        var (exitCode, output) = await RunScriptAsync("restore.sh", file, "--database", _database.Name);

        Assert.Equal(2, exitCode);
        Assert.Contains("already exists", output, StringComparison.Ordinal);
    }

    private async Task<List<string>> TablesAsync(string database)
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", connection);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private async Task<(int ExitCode, string Output)> RunScriptAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        start.ArgumentList.Add(RepositoryFiles.PathOf("scripts", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGHOST"] = "127.0.0.1";
        start.Environment["PGPORT"] = _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = "postgres";
        start.Environment["PGDATABASE"] = _database.Name;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
