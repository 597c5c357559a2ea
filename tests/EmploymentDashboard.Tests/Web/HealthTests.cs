using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Web;

/// <summary>
/// Liveness and readiness without details, readiness that sees pending migrations, and a Production
/// start-up that refuses a database whose migrations are not applied until "migrate" has run.
/// </summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class HealthTests(DemoDatabaseFixture fixture)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/health")]
    public async Task A_healthy_app_answers_200_with_no_details(string url)
    {
        var response = await fixture.App.CreatePlainClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_the_database_the_app_is_live_but_not_ready()
    {
        await using var app = new DashboardAppFactory($"Host=127.0.0.1;Port={UnusedPort()};Database=nowhere;Username=nobody;Timeout=3");
        var client = app.CreatePlainClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pending_migrations_make_the_app_unready_and_stop_a_production_start_until_migrate_runs()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using (var development = new DashboardAppFactory(database.ConnectionString, environment: "Development"))
        {
            var client = development.CreatePlainClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            var ready = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        }

        var (refused, stdout, _) = await RunAppAsync(database.ConnectionString);
        Assert.Equal(3, refused);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("cannot start", StringComparison.Ordinal));
        using (var json = JsonDocument.Parse(line))
        {
            var message = json.RootElement.GetProperty("@m").GetString()!;
            Assert.Contains("migrations", message, StringComparison.Ordinal);
            Assert.Contains("\"migrate\"", message, StringComparison.Ordinal);
        }

        var (migrated, _, migrateErrors) = await RunAppAsync(database.ConnectionString, "migrate");
        Assert.True(migrated == 0, migrateErrors);
        await using var production = new DashboardAppFactory(database.ConnectionString);
        Assert.Equal(HttpStatusCode.OK, (await production.CreatePlainClient().GetAsync("/health/ready")).StatusCode);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs the built app as its own process in Production; it is expected to exit by itself.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAppAsync(string connectionString, string? command = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "EmploymentDashboard.Web.dll") },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        if (command is null)
        {
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add("http://127.0.0.1:0");
        }
        else
        {
            start.ArgumentList.Add(command);
        }

        start.Environment["ConnectionStrings__Dashboard"] = connectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("Dashboard__ApplyMigrationsOnStartup");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The app kept running: it should have refused to start.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
