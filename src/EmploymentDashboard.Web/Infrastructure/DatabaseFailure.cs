using System.Net.Sockets;
using Npgsql;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>Tells a database outage (answer 503, try later) from a bug (answer 500).</summary>
public static class DatabaseFailure
{
    /// <summary>
    /// True when the exception, or one it wraps, says the database cannot be reached: no connection,
    /// refused or timed out, shutting down, authentication or a missing database.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres when IsUnavailableState(postgres.SqlState):
                    return true;
                case PostgresException:
                    return false;
                case NpgsqlException or SocketException or TimeoutException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Connection exceptions (class 08), shutdown and start-up (57P01–57P03), authentication (28), unknown database (3D000).</summary>
    private static bool IsUnavailableState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState.StartsWith("28", StringComparison.Ordinal)
        || sqlState is "57P01" or "57P02" or "57P03" or "3D000" or "53300";

    /// <summary>The status code the exception handler answers with.</summary>
    public static int StatusCodeFor(Exception exception) =>
        IsUnavailable(exception) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
}
