using System.Diagnostics;
using System.Text.Json;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Web;

/// <summary>Serilog reads its sinks from configuration: readable text in Development, JSON lines in Production.</summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class LoggingTests(DemoDatabaseFixture fixture)
{
    [Fact]
    public async Task Production_logs_one_json_object_per_line()
    {
        var lines = await RunMigrateAsync("Production");

        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.True(json.RootElement.TryGetProperty("@t", out _), line);
            Assert.True(json.RootElement.TryGetProperty("@m", out _), line);
        }
    }

    [Fact]
    public async Task Development_logs_readable_text()
    {
        var lines = await RunMigrateAsync("Development");

        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Matches(@"^\[\d\d:\d\d:\d\d (INF|WRN|ERR|DBG|VRB|FTL)\] ", line));
    }

    /// <summary>Runs the app's migrate command (the schema is already up to date) and returns what it logged.</summary>
    private async Task<List<string>> RunMigrateAsync(string environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "EmploymentDashboard.Web.dll"), "migrate" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ConnectionStrings__Dashboard"] = fixture.Database.ConnectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, await stderr);
        return [.. (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
