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
    public static string WithDefaults(string connectionString) =>
        WithDefault(connectionString, "MaxAutoPrepare", builder => builder.MaxAutoPrepare = DefaultMaxAutoPrepare);

    /// <summary>
    /// The connection string of a context that only reads (the web's dashboards, API and export rows): as
    /// <see cref="WithDefaults"/>, and a connection going back to the pool is not reset (<c>No Reset On Close</c>) unless
    /// the string says. Npgsql's reset (RESET ALL, CLOSE ALL, DISCARD TEMP, …) undoes session state, and reads set none:
    /// they create no temporary table, set no parameter and take no session lock. A page's 12 statements each took a
    /// connection from the pool and sent that reset before their query.
    /// </summary>
    public static string ForReadsOnly(string connectionString) =>
        WithDefault(WithDefaults(connectionString), "NoResetOnClose", builder => builder.NoResetOnClose = true);

    private static string WithDefault(string connectionString, string keyword, Action<NpgsqlConnectionStringBuilder> set)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            // Npgsql's builder answers ContainsKey for every keyword it knows; the keywords written are those of the plain builder.
            var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
            if (written.Keys.Cast<string>().Any(k => k.Replace(" ", string.Empty, StringComparison.Ordinal).Equals(keyword, StringComparison.OrdinalIgnoreCase)))
            {
                return connectionString;
            }

            set(builder);
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
