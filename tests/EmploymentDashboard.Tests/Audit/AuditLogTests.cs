using EmploymentDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace EmploymentDashboard.Tests.Audit;

/// <summary>
/// The audit trail is append-only in the database: UPDATE, DELETE and TRUNCATE fail for the app's role
/// (granted as docs/operations/app-role.sql says), for a role wrongly granted everything, and for the
/// owner; the old export_logs and import_logs rows are moved into it by the migrations.
/// </summary>
public sealed class AuditLogTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_app_role_may_add_and_read_audit_entries_but_not_change_or_remove_them()
    {
        await AddEntryAsync(_database.ConnectionString);
        var grants = await File.ReadAllTextAsync(RepositoryFiles.PathOf("docs", "operations", "app-role.sql"));
        await using var role = await LoginRole.CreateAsync(_database, grants);

        await AddEntryAsync(role.ConnectionString);
        Assert.Equal(2, await ScalarAsync(role.ConnectionString, "SELECT count(*) FROM audit_log"));

        // The app's ordinary writes still work (it corrects placements, for example).
        Assert.Equal(0, await ScalarAsync(role.ConnectionString, "UPDATE placements SET date = date WHERE false"));

        foreach (var statement in ChangingStatements)
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(role.ConnectionString, statement));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }

        Assert.Equal(2, await _database.ScalarAsync("SELECT count(*) FROM audit_log"));
    }

    [Fact]
    public async Task Even_a_role_granted_everything_and_the_owner_are_refused_by_the_trigger()
    {
        await AddEntryAsync(_database.ConnectionString);
        await using var role = await LoginRole.CreateAsync(_database, "GRANT USAGE ON SCHEMA public TO dashboard_app; GRANT ALL ON ALL TABLES IN SCHEMA public TO dashboard_app;");

        foreach (var connectionString in new[] { role.ConnectionString, _database.ConnectionString })
        {
            foreach (var statement in ChangingStatements.Append("UPDATE audit_log SET subject = 'x' WHERE false"))
            {
                var refused = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connectionString, statement));
                Assert.Contains("append-only", refused.MessageText + refused.Message + " " + refused.Hint, StringComparison.Ordinal);
            }
        }

        Assert.Equal("placement 1", await TextAsync(_database.ConnectionString, "SELECT subject FROM audit_log"));
    }

    [Fact]
    public async Task The_migration_moves_the_export_log_into_the_audit_trail()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using (var db = database.CreateContext())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261202171331_AddRollups");
        }

        await ScalarAsync(database.ConnectionString, """
            INSERT INTO export_logs (user_id, user_name, dataset, filters, started_at, finished_at, rows, status) VALUES
                ('u1', 'analyst@test.local', 'placements', '?year=2025', TIMESTAMPTZ '2026-01-10 09:00Z', TIMESTAMPTZ '2026-01-10 09:01Z', 1234, 'Completed'),
                ('u1', 'analyst@test.local', 'grants', '?district=abay-district', TIMESTAMPTZ '2026-01-11 10:00Z', TIMESTAMPTZ '2026-01-11 10:00Z', 12, 'Cancelled'),
                ('u2', 'admin@test.local', 'quotas', '', TIMESTAMPTZ '2026-01-12 11:00Z', NULL, NULL, 'Started')
            """);
        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync();
        }

        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM information_schema.tables WHERE table_name = 'export_logs'"));
        Assert.Equal(3, await database.ScalarAsync("SELECT count(*) FROM audit_log WHERE kind = 'export' AND action = 'export.started'"));
        Assert.Equal(1, await database.ScalarAsync(
            """
            SELECT count(*) FROM audit_log s JOIN audit_log e ON e.relates_to = s.id
            WHERE s.subject = 'placements' AND s.user_id = 'u1' AND s.occurred_at = TIMESTAMPTZ '2026-01-10 09:00Z'
              AND s.details ->> 'filters' = '?year=2025'
              AND e.action = 'export.completed' AND (e.details ->> 'rows')::bigint = 1234 AND e.occurred_at = TIMESTAMPTZ '2026-01-10 09:01Z'
            """));
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'export.cancelled' AND (details ->> 'rows')::bigint = 12"));
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM audit_log e JOIN audit_log s ON e.relates_to = s.id WHERE s.subject = 'quotas'"));
    }

    [Fact]
    public async Task The_migration_moves_the_import_log_into_the_audit_trail()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using (var db = database.CreateContext())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261202205542_AddAnnualPlans");
        }

        await ScalarAsync(database.ConnectionString, """
            INSERT INTO import_logs (user_id, user_name, dataset, file_name, reporting_year, committed_at, rows_added, rows_updated, rows_unchanged) VALUES
                ('u1', 'staff@test.local', 'placements', 'abay-2025.xlsx', 2025, TIMESTAMPTZ '2026-02-03 08:30Z', 40, 2, 7),
                ('u2', 'admin@test.local', 'population', 'context.csv', 2024, TIMESTAMPTZ '2026-02-04 09:00Z', 0, 13, 0)
            """);
        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync();
        }

        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM information_schema.tables WHERE table_name = 'import_logs'"));
        Assert.Equal(2, await database.ScalarAsync("SELECT count(*) FROM audit_log WHERE kind = 'import' AND action = 'import.committed'"));
        Assert.Equal(1, await database.ScalarAsync(
            """
            SELECT count(*) FROM audit_log
            WHERE subject = 'placements' AND user_id = 'u1' AND user_name = 'staff@test.local' AND occurred_at = TIMESTAMPTZ '2026-02-03 08:30Z'
              AND details ->> 'file' = 'abay-2025.xlsx' AND (details ->> 'year')::int = 2025 AND (details ->> 'rows')::int = 49
              AND (details ->> 'added')::int = 40 AND (details ->> 'updated')::int = 2 AND (details ->> 'unchanged')::int = 7
            """));
    }

    private static readonly string[] ChangingStatements =
    [
        "UPDATE audit_log SET subject = 'rewritten'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
    ];

    private static Task<long> AddEntryAsync(string connectionString) =>
        ScalarAsync(connectionString, "INSERT INTO audit_log (kind, action, subject, user_id) VALUES ('correction', 'placement.corrected', 'placement 1', 'u')");

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? 0 : Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string?> TextAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync();
    }

    /// <summary>A non-superuser login role for one test (roles are cluster-wide, so its name is unique and it is dropped afterwards).</summary>
    private sealed class LoginRole : IAsyncDisposable
    {
        private readonly TestDatabase _database;

        private LoginRole(TestDatabase database, string name, string password)
        {
            _database = database;
            Name = name;
            ConnectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = name, Password = password, Pooling = false }.ConnectionString;
        }

        public string Name { get; }

        public string ConnectionString { get; }

        /// <summary>Creates the role and runs <paramref name="grants"/> (written for a role named dashboard_app) as the database owner.</summary>
        public static async Task<LoginRole> CreateAsync(TestDatabase database, string grants)
        {
            var name = $"ed_app_{Guid.NewGuid():N}";
            var password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            var role = new LoginRole(database, name, password);
            await ScalarAsync(database.ConnectionString, $"CREATE ROLE {name} LOGIN NOSUPERUSER NOINHERIT PASSWORD '{password}'; GRANT CONNECT ON DATABASE \"{database.Name}\" TO {name};");
            await ScalarAsync(database.ConnectionString, grants.Replace("dashboard_app", name, StringComparison.Ordinal));
            return role;
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await ScalarAsync(_database.ConnectionString, $"DROP OWNED BY {Name}; REVOKE CONNECT ON DATABASE \"{_database.Name}\" FROM {Name}; DROP ROLE {Name};");
        }
    }
}
