using EmploymentDashboard.Data;
using Npgsql;

namespace EmploymentDashboard.Tests.Data;

/// <summary>The connection defaults the app, tools and tests share (<see cref="DashboardDatabase.WithDefaults"/>).</summary>
public sealed class DashboardDatabaseTests
{
    [Fact]
    public void Statements_are_kept_prepared_unless_the_connection_string_says_otherwise()
    {
        static int MaxAutoPrepare(string connectionString) => new NpgsqlConnectionStringBuilder(DashboardDatabase.WithDefaults(connectionString)).MaxAutoPrepare;

        Assert.Equal(DashboardDatabase.DefaultMaxAutoPrepare, MaxAutoPrepare("Host=db;Database=dashboard"));
        Assert.Equal(0, MaxAutoPrepare("Host=db;Database=dashboard;Max Auto Prepare=0"));
        Assert.Equal(5, MaxAutoPrepare("Host=db;Database=dashboard;MaxAutoPrepare=5"));
        Assert.Equal(7, MaxAutoPrepare("Host=db;Database=dashboard;max auto prepare=7"));
    }

    [Fact]
    public void A_connection_string_that_cannot_be_parsed_is_left_for_start_up_to_report()
    {
        Assert.Equal("Host=db;Nonsense=1", DashboardDatabase.WithDefaults("Host=db;Nonsense=1"));
        Assert.NotNull(DashboardDatabase.DescribeConnectionStringProblem("Host=db;Nonsense=1"));
    }
}
