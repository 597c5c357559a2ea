using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Web;

/// <summary>What users and operators see when the database is gone or misconfigured.</summary>
public sealed class FailureTests
{
    [Fact]
    public async Task Overview_answers_503_with_the_friendly_page_when_the_database_is_unreachable()
    {
        await using var app = new DashboardAppFactory($"Host=127.0.0.1;Port={UnusedPort()};Database=nowhere;Username=nobody;Timeout=3");

        var response = await app.CreatePlainClient().GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();
        var page = await HtmlPage.ParseAsync(html);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("503", page.QuerySelector(".error-page")!.GetAttribute("data-status"));
        Assert.Contains("Данные временно недоступны", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(response.Headers.RetryAfter);
        foreach (var leak in new[] { "Exception", "Npgsql", "at EmploymentDashboard", "Host=", "127.0.0.1", "nobody", "stack" })
        {
            Assert.DoesNotContain(leak, html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("kk", "Деректер уақытша қолжетімсіз", "Қате: ")]
    [InlineData("en", "Data temporarily unavailable", "Error: ")]
    public async Task Error_page_after_an_exception_answers_in_the_language_of_the_address(string language, string heading, string prefix)
    {
        await using var app = new DashboardAppFactory($"Host=127.0.0.1;Port={UnusedPort()};Database=nowhere;Username=nobody;Timeout=3");

        // A first visit: no language cookie, a browser asking for Russian.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/?lang={language}");
        request.Headers.AcceptLanguage.ParseAdd("ru-RU");
        var response = await app.CreatePlainClient().SendAsync(request);
        var page = await HtmlPage.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(heading, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.StartsWith(prefix + heading, page.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_endpoint_answers_503_when_the_database_is_unreachable()
    {
        await using var app = new DashboardAppFactory($"Host=127.0.0.1;Port={UnusedPort()};Database=nowhere;Username=nobody;Timeout=3");

        var response = await app.CreatePlainClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Theory]
    [InlineData("Host=localhost;Port=notanumber", "not valid")]
    [InlineData("this is not a connection string", "not valid")]
    [InlineData("", "is not set")]
    public async Task A_bad_connection_string_stops_the_app_with_one_clear_line(string connectionString, string expected)
    {
        var (exitCode, stdout, stderr) = await RunAppAsync(connectionString);

        Assert.Equal(2, exitCode);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("EmploymentDashboard cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr + stdout, StringComparison.Ordinal);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the built web app as its own process, as an operator would, and waits for it to exit.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAppAsync(string connectionString, params (string Name, string Value)[] environment)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "EmploymentDashboard.Web.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", "http://127.0.0.1:0" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ConnectionStrings__Dashboard"] = connectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

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
            throw new Xunit.Sdk.XunitException("The app did not stop on a bad connection string: it should exit at once.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
