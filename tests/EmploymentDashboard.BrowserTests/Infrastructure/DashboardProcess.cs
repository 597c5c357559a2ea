using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace EmploymentDashboard.BrowserTests.Infrastructure;

/// <summary>
/// The built web app (src/EmploymentDashboard.Web/bin/CONFIG/net10.0) run as a real process on a free
/// 127.0.0.1 port, in Development (plain-HTTP cookies, demo accounts), migrating and seeding its own
/// database on startup. Its console output is kept so that a failure can show the end of it.
/// </summary>
public sealed class DashboardProcess : IAsyncDisposable
{
    private const int LogLines = 200;

    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly Queue<string> _log = new();

    private DashboardProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The last lines the app wrote to stdout and stderr.</summary>
    public string RecentLog
    {
        get
        {
            lock (_log)
            {
                return string.Join(Environment.NewLine, _log);
            }
        }
    }

    public static async Task<DashboardProcess> StartAsync(string connectionString)
    {
        var dll = LocateWebAssembly();
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.GetLeftPart(UriPartial.Authority));
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Dashboard__", StringComparison.Ordinal) || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Dashboard"] = connectionString;
        start.Environment["Dashboard__ApplyMigrationsOnStartup"] = "true";
        start.Environment["Dashboard__SeedDemoDataIfEmpty"] = "true";
        start.Environment["Dashboard__CreateDemoAccounts"] = "true";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";

        // Every browser of the suite signs in from 127.0.0.1: the default of 10 sign-in POSTs per address per
        // minute is one person's budget, and the suite's sign-ins, empty forms and token-less posts together exceed
        // it when tests run close together (a 429 instead of the staff view). The limit itself is tested in
        // AccountTests, ReverseProxyTests and SignInDefenceTests.
        start.Environment["Dashboard__SignInAttemptsPerMinute"] = "1000";

        // The import's pseudonym key: a fresh random one per test run, as run.sh generates one per installation.
        start.Environment["Import__PseudonymKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start the app: {start.FileName} {dll}");
        var app = new DashboardProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilHealthyAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await _process.WaitForExitAsync(timeout.Token);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        var last = "no answer yet";
        while (deadline.Elapsed < StartupTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} before it was healthy. Its output:{Environment.NewLine}{RecentLog}");
            }

            try
            {
                using var response = await client.GetAsync("health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"GET {BaseAddress}health was not 200 within {StartupTimeout.TotalSeconds:0} s (last: {last}). The app's output:{Environment.NewLine}{RecentLog}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Enqueue(line);
            while (_log.Count > LogLines)
            {
                _log.Dequeue();
            }
        }
    }

    /// <summary>
    /// src/EmploymentDashboard.Web/bin/CONFIG/net10.0/EmploymentDashboard.Web.dll, found from the
    /// solution directory above this test assembly and built in the same configuration as it.
    /// </summary>
    private static string LocateWebAssembly()
    {
        var testAssembly = typeof(DashboardProcess).Assembly;
        var configuration = testAssembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } c ? c : "Debug";
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EmploymentDashboard.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException($"EmploymentDashboard.sln was not found above {AppContext.BaseDirectory}.");
        }

        var dll = Path.Combine(directory.FullName, "src", "EmploymentDashboard.Web", "bin", configuration, framework, "EmploymentDashboard.Web.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"The web app is not built in {configuration}: build the solution (dotnet build -c {configuration}) first.", dll);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
