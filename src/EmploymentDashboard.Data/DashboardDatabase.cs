using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EmploymentDashboard.Data;

/// <summary>How the application connects to its database; one place so the app, tools and tests agree.</summary>
public static class DashboardDatabase
{
    /// <summary>Name of the connection string in configuration (ConnectionStrings:Dashboard).</summary>
    public const string ConnectionStringName = "Dashboard";

    /// <summary>
    /// Statements a connection keeps prepared on the server when the connection string does not say
    /// (<c>Max Auto Prepare</c>). A page runs the same twenty-odd statistics statements on every request; prepared, they are
    /// parsed and planned once per connection instead of on every execution (about a quarter of PostgreSQL's time for
    /// the overview at national scale, docs/benchmarks.md). <c>Max Auto Prepare=0</c> in the connection string turns it off,
    /// for example behind a pooler in transaction mode.
    /// </summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>Configures EF Core for PostgreSQL with snake_case names, as the migrations expect.</summary>
    public static DbContextOptionsBuilder UseDashboardDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(WithDefaults(connectionString), npgsql => npgsql.MigrationsAssembly(typeof(DashboardDbContext).Assembly.FullName))
            .UseSnakeCaseNamingConvention();

    /// <summary>The connection string with the defaults above where it does not set them; unchanged when it cannot be parsed (start-up reports that).</summary>
    public static string WithDefaults(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            // Npgsql's builder answers ContainsKey for every keyword it knows; the keywords written are those of the plain builder.
            var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
            if (written.Keys.Cast<string>().Any(k => k.Replace(" ", string.Empty, StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
            {
                return connectionString;
            }

            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return connectionString;
        }
    }

    /// <summary>
    /// Checks that a connection string can be parsed, so that a typo is reported at start-up in one
    /// line rather than as a stack trace on the first request. Returns null when it is valid.
    /// </summary>
    public static string? DescribeConnectionStringProblem(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return $"the connection string ConnectionStrings:{ConnectionStringName} is not set "
                + $"(set the environment variable ConnectionStrings__{ConnectionStringName}).";
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                return $"the connection string ConnectionStrings:{ConnectionStringName} names no Host.";
            }

            return null;
        }
        catch (ArgumentException ex)
        {
            return $"the connection string ConnectionStrings:{ConnectionStringName} is not valid: {ex.Message}";
        }
    }
}
