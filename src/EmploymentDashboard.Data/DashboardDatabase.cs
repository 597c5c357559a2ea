using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EmploymentDashboard.Data;

/// <summary>How the application connects to its database; one place so the app, tools and tests agree.</summary>
public static class DashboardDatabase
{
    /// <summary>Name of the connection string in configuration (ConnectionStrings:Dashboard).</summary>
    public const string ConnectionStringName = "Dashboard";

    /// <summary>Configures EF Core for PostgreSQL with snake_case names, as the migrations expect.</summary>
    public static DbContextOptionsBuilder UseDashboardDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(DashboardDbContext).Assembly.FullName))
            .UseSnakeCaseNamingConvention();

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
