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
    public void Read_only_connections_go_back_to_the_pool_without_a_reset_unless_the_connection_string_says_otherwise()
    {
        static NpgsqlConnectionStringBuilder Reads(string connectionString) => new(DashboardDatabase.ForReadsOnly(connectionString));

        Assert.True(Reads("Host=db;Database=dashboard").NoResetOnClose);
        Assert.Equal(DashboardDatabase.DefaultMaxAutoPrepare, Reads("Host=db;Database=dashboard").MaxAutoPrepare);
        Assert.False(Reads("Host=db;Database=dashboard;No Reset On Close=false").NoResetOnClose);
        Assert.False(new NpgsqlConnectionStringBuilder(DashboardDatabase.WithDefaults("Host=db;Database=dashboard")).NoResetOnClose);
    }

    [Fact]
    public void A_connection_string_that_cannot_be_parsed_is_left_for_start_up_to_report()
    {
        Assert.Equal("Host=db;Nonsense=1", DashboardDatabase.WithDefaults("Host=db;Nonsense=1"));
        Assert.NotNull(DashboardDatabase.DescribeConnectionStringProblem("Host=db;Nonsense=1"));
    }
}
