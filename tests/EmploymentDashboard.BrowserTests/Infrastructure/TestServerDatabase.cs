using Npgsql;

namespace EmploymentDashboard.BrowserTests.Infrastructure;

/// <summary>
/// An empty database on the throwaway PostgreSQL server named by EMPLOYMENT_DASHBOARD_TEST_DB
/// (./test.sh starts one); the app under test migrates and seeds it itself.
/// </summary>
public sealed class TestServerDatabase : IAsyncDisposable
{
    public const string ServerVariable = "EMPLOYMENT_DASHBOARD_TEST_DB";

    private readonly string _adminConnectionString;

    private TestServerDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<TestServerDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"{ServerVariable} is not set. Run the browser tests with ./test.sh, which starts a throwaway PostgreSQL server, "
                + $"or set {ServerVariable} to an admin connection string of a PostgreSQL server you own.");
        }

        var database = new TestServerDatabase(admin, $"ed_browser_{Guid.NewGuid():N}");
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\" ENCODING 'UTF8' TEMPLATE template0", connection);
        await create.ExecuteNonQueryAsync();
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
