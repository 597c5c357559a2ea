using EmploymentDashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace EmploymentDashboard.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL database for one test fixture, made by running the real migrations. The
/// server comes from EMPLOYMENT_DASHBOARD_TEST_DB (./test.sh starts one); there is no fallback to
/// an in-memory provider, because the statistics are PostgreSQL queries.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "EMPLOYMENT_DASHBOARD_TEST_DB";

    private TestDatabase(string adminConnectionString, string name)
    {
        AdminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    private string AdminConnectionString { get; }

    /// <summary>
    /// Creates an empty database; with <paramref name="migrate"/>, applies every migration to it. The server is the
    /// shared test server unless <paramref name="adminConnectionString"/> names another (a <see cref="PostgresServer"/>).
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(bool migrate = true, string? adminConnectionString = null)
    {
        var admin = adminConnectionString ?? Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"{ServerVariable} is not set. Run the tests with ./test.sh, which starts a throwaway PostgreSQL server, "
                + $"or set {ServerVariable} to an admin connection string of a PostgreSQL server you own.");
        }

        var database = new TestDatabase(admin, $"ed_test_{Guid.NewGuid():N}");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\" ENCODING 'UTF8' TEMPLATE template0", connection);
            await create.ExecuteNonQueryAsync();
        }

        if (migrate)
        {
            await using var db = database.CreateContext();
            await db.Database.MigrateAsync();
        }

        return database;
    }

    public DashboardDbContext CreateContext(params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<DashboardDbContext>();
        options.UseDashboardDatabase(ConnectionString).AddInterceptors(interceptors);
        return new DashboardDbContext(options.Options);
    }

    /// <summary>Runs a scalar SQL query straight through Npgsql, independently of EF Core and the statistics code.</summary>
    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? 0 : Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
