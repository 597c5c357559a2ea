using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EmploymentDashboard.Tests.Infrastructure;

/// <summary>
/// The built web app as its own process on a free 127.0.0.1 port, in Production, as an operator runs it: one
/// "machine" of a deployment. Each has its own HOME, so nothing it keeps on disk (a file-based key ring, say)
/// is shared with another instance. Requests from the tests say X-Forwarded-Proto: https, as the TLS proxy
/// does (loopback is a trusted proxy), so cookies are Secure as in production.
/// </summary>
public sealed class WebProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _home;
    private readonly ConcurrentQueue<string> _output = new();

    private WebProcess(Process process, string home, Uri baseAddress)
    {
        _process = process;
        _home = home;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output => string.Join('\n', _output);

    public static async Task<WebProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var home = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"employment-dashboard-home-{Guid.NewGuid():N}")).FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "EmploymentDashboard.Web.dll"), "--urls", $"http://127.0.0.1:{port}" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ConnectionStrings__Dashboard"] = connectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["HOME"] = home;
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        start.Environment.Remove("Dashboard__ApplyMigrationsOnStartup");
        start.Environment.Remove("Dashboard__SeedDemoDataIfEmpty");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var app = new WebProcess(process, home, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => app.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => app.Collect(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode} at start-up:\n{app.Output}");
            }

            try
            {
                if ((await probe.GetAsync("/health/live")).IsSuccessStatusCode)
                {
                    return app;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        await app.DisposeAsync();
        throw new TimeoutException("The app did not answer /health/live within 90 s.");
    }

    /// <summary>A client with its own cookie jar (Secure cookies included), not following redirects.</summary>
    public HttpClient CreateClient(CookieJar? jar = null)
    {
        var client = new HttpClient(jar ?? new CookieJar()) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return client;
    }

    /// <summary>Sends SIGTERM, as systemd, Docker or Kubernetes do to stop a container, and waits for the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan limit)
    {
        using (var kill = Process.Start("kill", ["-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_home, recursive: true);
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// Keeps cookies by name and sends them all back, Secure ones included (the tests talk plain HTTP to an app that
/// believes it is behind a TLS proxy). Tests copy a cookie from one jar to another to play a browser moving
/// between instances behind a load balancer. A test may give its own handler (one that neither follows redirects nor
/// keeps cookies) to shape the connection, a small receive buffer for example.
/// </summary>
public sealed class CookieJar(SocketsHttpHandler inner) : DelegatingHandler(inner)
{
    public CookieJar()
        : this(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
    }

    private readonly ConcurrentDictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public string? this[string name]
    {
        get => _cookies.GetValueOrDefault(name);
        set
        {
            if (value is null)
            {
                _cookies.TryRemove(name, out _);
            }
            else
            {
                _cookies[name] = value;
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!_cookies.IsEmpty)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            foreach (var cookie in cookies)
            {
                var pair = cookie.Split(';', 2)[0];
                var separator = pair.IndexOf('=', StringComparison.Ordinal);
                var name = pair[..separator];
                var value = pair[(separator + 1)..];
                var expired = cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
                this[name] = expired || value.Length == 0 ? null : value;
            }
        }

        return response;
    }
}
