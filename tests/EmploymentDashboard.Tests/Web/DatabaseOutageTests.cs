using System.Diagnostics;
using System.Net;
using EmploymentDashboard.Data.Demo;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EmploymentDashboard.Tests.Web;

/// <summary>
/// The database stops while the app serves, then comes back: pages answer the friendly 503 with Retry-After and
/// readiness is unhealthy meanwhile, and the same app process recovers by itself. Runs against a private
/// PostgreSQL server that only this class stops.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private const string StaffEmail = "outage-staff@test.local";
    private const string StaffPassword = "Outage-Heron-Quarry-71";

    private PostgresServer _server = null!;
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartPrimaryAsync();
        _database = await TestDatabase.CreateAsync(adminConnectionString: _server.ConnectionString());
        await using var db = _database.CreateContext();
        await DemoDataLoader.SeedIfEmptyAsync(db);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Pages_answer_503_while_the_database_is_down_and_the_app_recovers_by_itself_when_it_is_back()
    {
        await using var app = new DashboardAppFactory(_database.ConnectionString + ";Timeout=3");
        await app.CreateUserAsync(StaffEmail, StaffPassword, DashboardRoles.Staff);
        var staff = await app.SignedInClientAsync(StaffEmail, StaffPassword);
        var anonymous = app.CreatePlainClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/?year=2024")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/Quotas")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);

        await _server.StopAsync("fast");

        // The anonymous page cache trusts its data version for at most two seconds, so within a few seconds every
        // page that needs the database answers 503.
        await EventuallyAsync(TimeSpan.FromSeconds(10), async () =>
            (await anonymous.GetAsync("/?year=2024")).StatusCode == HttpStatusCode.ServiceUnavailable);
        var clock = Stopwatch.StartNew();
        var page = await anonymous.GetAsync("/Districts?year=2024");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"A page took {clock.Elapsed} to fail while the database was down.");
        await AssertFriendly503Async(page);
        await AssertFriendly503Async(await staff.GetAsync("/Quotas"));
        var ready = await anonymous.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);

        await _server.StartAsync();
        var back = Stopwatch.StartNew();

        // Same process, same staff cookie: no restart and no new sign-in.
        await EventuallyAsync(TimeSpan.FromSeconds(10), async () =>
            (await anonymous.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK
            && (await anonymous.GetAsync("/?year=2024")).StatusCode == HttpStatusCode.OK
            && (await staff.GetAsync("/Quotas")).StatusCode == HttpStatusCode.OK);
        Assert.True(back.Elapsed < TimeSpan.FromSeconds(10), $"Recovery took {back.Elapsed}.");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Districts?year=2024")).StatusCode);
    }

    [Fact]
    public async Task The_app_never_retries_a_failed_command_so_no_write_can_be_applied_twice()
    {
        // A retrying execution strategy would replay a SaveChanges whose commit reached the server before the
        // connection broke (an export log row, an account change). A failed request answers 503 instead and
        // the person decides to try again.
        await using var app = new DashboardAppFactory(_database.ConnectionString);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EmploymentDashboard.Data.DashboardDbContext>();

        Assert.False(db.Database.CreateExecutionStrategy().RetriesOnFailure);
    }

    private static async Task AssertFriendly503Async(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var html = await response.Content.ReadAsStringAsync();
        var page = await HtmlPage.ParseAsync(html);
        Assert.Equal("503", page.QuerySelector(".error-page")?.GetAttribute("data-status"));
        Assert.DoesNotContain("Npgsql", html, StringComparison.Ordinal);
    }

    private static async Task EventuallyAsync(TimeSpan limit, Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"The condition did not hold within {limit.TotalSeconds:0} s.");
            }

            await Task.Delay(250);
        }
    }
}
