using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using EmploymentDashboard.Bench.Pages;
using EmploymentDashboard.Data.Entities;

namespace EmploymentDashboard.Bench.Soak;

/// <summary>One answered (or failed) request of the soak: when it ended, what it was, its status (0 = no answer).</summary>
public sealed record SoakSample(TimeSpan At, string Kind, string Path, int Status, double Milliseconds);

/// <summary>
/// <c>soak</c>: mixed load on one web app process for a fixed time — anonymous visitors browsing public pages with
/// varied filters, staff browsing exact figures, analysts downloading record exports, staff importing small files
/// (<see cref="SoakImports"/>) — with the database restarted
/// once in the middle by a command the script passes. Counts 5xx inside and outside the restart window (its stop
/// to 20 s after its start completes), samples the app's RSS every 5 s, and writes the figures into
/// docs/benchmarks.md. Exit status 1 when any 5xx or failed request falls outside the restart window, when the app
/// did not answer again after the restart, or when memory grew between the second and the last two minutes by more
/// than 10 % (and 40 MB).
/// </summary>
public static class SoakCommand
{
    private const string StartMarker = "<!-- soak:start -->";
    private const string EndMarker = "<!-- soak:end -->";
    private static readonly TimeSpan RecoveryGrace = TimeSpan.FromSeconds(20);

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        CommandLine line;
        try
        {
            line = CommandLine.Parse(args, []);
            _ = line.Required("--web-dll");
            _ = line.Required("--connection");
        }
        catch (ArgumentException e)
        {
            Log(e.Message);
            Log("usage: EmploymentDashboard.Bench soak --web-dll DLL --connection CS --port PORT --email E --password P --restart-command CMD"
                + " [--duration 600] [--restart-at 300] [--public 6] [--staff 3] [--exporters 1] [--importers 1] [--import-pause 10] [--doc docs/benchmarks.md] [--command CMD] [--machine TEXT] [--log web.log]");
            return 2;
        }

        var duration = TimeSpan.FromSeconds(int.Parse(line.Optional("--duration") ?? "600", CultureInfo.InvariantCulture));
        var restartAt = TimeSpan.FromSeconds(int.Parse(line.Optional("--restart-at") ?? ((int)duration.TotalSeconds / 2).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        var publicClients = int.Parse(line.Optional("--public") ?? "6", CultureInfo.InvariantCulture);
        var staffClients = int.Parse(line.Optional("--staff") ?? "3", CultureInfo.InvariantCulture);
        var exporters = int.Parse(line.Optional("--exporters") ?? "1", CultureInfo.InvariantCulture);
        var importers = int.Parse(line.Optional("--importers") ?? "1", CultureInfo.InvariantCulture);
        var importPause = TimeSpan.FromSeconds(int.Parse(line.Optional("--import-pause") ?? "10", CultureInfo.InvariantCulture));
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Dashboard"] = line.Required("--connection"),
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Dashboard__CreateDemoAccounts"] = "false",
            ["Dashboard__ApplyMigrationsOnStartup"] = "false",
            ["Dashboard__SeedDemoDataIfEmpty"] = "false",
            ["Serilog__MinimumLevel__Default"] = "Warning",

            // A key of this run only: the imported people get pseudonymous ids nobody can link to anything else.
            ["Import__PseudonymKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["DOTNET_GCgen0size"] = Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "0x800000",
        };

        var started = DateTimeOffset.UtcNow;
        await using var app = await WebApp.StartAsync(line.Required("--web-dll"), int.Parse(line.Required("--port"), CultureInfo.InvariantCulture), environment, line.Optional("--log") ?? "web.log", cancellationToken);
        var memory = new ProcessMemory(app.Pid);
        var email = line.Required("--email");
        var password = line.Required("--password");
        var staff = new List<DashboardClient>();
        for (var i = 0; i < staffClients + exporters + importers; i++)
        {
            var client = new DashboardClient(app.BaseUrl);
            await client.SignInAsync(email, password, cancellationToken);
            staff.Add(client);
        }

        Log($"app up, {staff.Count} staff sessions; idle RSS {Report.Mb(memory.Rss())}; soaking for {duration.TotalMinutes:0.#} min, database restart at {restartAt.TotalSeconds:0} s");
        var samples = new ConcurrentQueue<SoakSample>();
        var rss = new List<(TimeSpan At, long Bytes)>();
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);

        var workers = new List<Task>();
        for (var i = 0; i < publicClients; i++)
        {
            var anonymous = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
            workers.Add(BrowseAsync(anonymous, "public", PublicPaths(), i, samples, clock, stop.Token));
        }

        for (var i = 0; i < staffClients; i++)
        {
            workers.Add(BrowseAsync(staff[i].Http, "staff", StaffPaths(), i, samples, clock, stop.Token));
        }

        for (var i = 0; i < exporters; i++)
        {
            workers.Add(ExportAsync(staff[staffClients + i].Http, i, samples, clock, stop.Token));
        }

        for (var i = 0; i < importers; i++)
        {
            workers.Add(SoakImports.RunAsync(staff[staffClients + exporters + i].Http, i, importPause, samples, clock, stop.Token));
        }

        var sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token))
                {
                    rss.Add((clock.Elapsed, memory.Rss()));
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);

        (TimeSpan From, TimeSpan To)? window = null;
        var restartOutput = "";
        try
        {
            await Task.Delay(restartAt, stop.Token);
            var from = clock.Elapsed;
            Log($"restarting the database at {from.TotalSeconds:0} s");
            restartOutput = await RunShellAsync(line.Required("--restart-command"), cancellationToken);
            window = (from, clock.Elapsed + RecoveryGrace);
            Log($"database back at {clock.Elapsed.TotalSeconds:0} s");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(workers);
        await sampler;
        foreach (var client in staff)
        {
            client.Dispose();
        }

        var result = new SoakResult([.. samples.OrderBy(s => s.At)], rss, window, restartAt, duration, publicClients, staffClients, exporters, importers, Report.Mb(memory.Peak()));
        var markdown = result.Markdown(line.Optional("--command") ?? "bench/soak.sh", line.Optional("--machine") ?? "", started);
        Console.WriteLine(markdown);
        Log(restartOutput.Trim());
        if (line.Optional("--doc") is { } doc)
        {
            WriteInto(doc, markdown);
            Log($"results written into {doc}");
        }

        foreach (var problem in result.Problems())
        {
            Log($"FAIL: {problem}");
        }

        return result.Problems().Any() ? 1 : 0;
    }

    /// <summary>Public pages with varied filters: some repeat (served from the anonymous cache), many do not.</summary>
    public static IReadOnlyList<string> PublicPaths()
    {
        string[] districts = ["karaganda-city", "temirtau-city", "balkhash-city", "abay-district", "shet-district", "nura-district"];
        string[] measures = [MeasureCodes.Vacancy, MeasureCodes.SocialJobs, MeasureCodes.PublicWorks, MeasureCodes.Training, MeasureCodes.BusinessGrant];
        var paths = new List<string>();
        for (var year = 2023; year <= 2025; year++)
        {
            paths.Add($"/?year={year}");
            paths.Add($"/Districts?year={year}");
            paths.Add($"/Grants?year={year}");
            paths.Add($"/Map?year={year}");
            paths.Add($"/api/v1/overview/overview-by-month-table?year={year}");
            paths.AddRange(districts.Select(d => $"/Districts/{d}?year={year}"));
            paths.AddRange(measures.Select(m => $"/Measures/{m}?year={year}"));
            paths.Add($"/?year={year}&sex=female&lang=kk");
            paths.Add($"/?year={year}&districts={districts[year % districts.Length]}&lang=en");
        }

        paths.Add("/Definitions");
        paths.Add("/Context");
        return paths;
    }

    /// <summary>What staff open: exact figures (never cached), the employer list.</summary>
    public static IReadOnlyList<string> StaffPaths()
    {
        var paths = new List<string>();
        for (var year = 2023; year <= 2025; year++)
        {
            paths.Add($"/?year={year}");
            paths.Add($"/Quotas?year={year}");
            paths.Add($"/Districts/karaganda-city?year={year}");
            paths.Add($"/Measures/{MeasureCodes.Vacancy}?year={year}");
            paths.Add($"/Grants?year={year}");
        }

        paths.Add("/Exports");
        return paths;
    }

    private static async Task BrowseAsync(HttpClient http, string kind, IReadOnlyList<string> paths, int seed, ConcurrentQueue<SoakSample> samples, Stopwatch clock, CancellationToken stop)
    {
        var random = new Random(seed * 7919 + kind.Length);
        var buffer = new byte[16 * 1024];
        while (!stop.IsCancellationRequested)
        {
            var path = paths[random.Next(paths.Count)];
            var started = clock.Elapsed;
            var status = 0;
            try
            {
                using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, stop);
                status = (int)response.StatusCode;
                await using var body = await response.Content.ReadAsStreamAsync(stop);
                while (await body.ReadAsync(buffer, stop) > 0)
                {
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                status = 0;
            }

            samples.Enqueue(new SoakSample(clock.Elapsed, kind, path, status, (clock.Elapsed - started).TotalMilliseconds));
            if (status is 0 or >= 500)
            {
                // A failing app is not hammered: a browser user would wait a moment too.
                await DelayAsync(TimeSpan.FromMilliseconds(500), stop);
            }
        }
    }

    private static async Task ExportAsync(HttpClient http, int seed, ConcurrentQueue<SoakSample> samples, Stopwatch clock, CancellationToken stop)
    {
        string[] exports = ["placements", "grants", "participants", "quotas"];
        var random = new Random(seed + 17);
        var buffer = new byte[64 * 1024];
        while (!stop.IsCancellationRequested)
        {
            var path = $"/exports/records/{exports[random.Next(exports.Length)]}.csv?year={2023 + random.Next(3)}&headers=codes";
            var started = clock.Elapsed;
            var status = 0;
            TimeSpan? retryAfter = null;
            try
            {
                using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, stop);
                status = (int)response.StatusCode;
                retryAfter = response.Headers.RetryAfter?.Delta;
                await using var body = await response.Content.ReadAsStreamAsync(stop);
                while (await body.ReadAsync(buffer, stop) > 0)
                {
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                // A body cut short (the database went away mid-export) shows as a failed read.
                status = 0;
            }

            samples.Enqueue(new SoakSample(clock.Elapsed, "export", path, status, (clock.Elapsed - started).TotalMilliseconds));
            if (status == (int)HttpStatusCode.TooManyRequests)
            {
                await DelayAsync(retryAfter ?? TimeSpan.FromSeconds(10), stop);
            }
            else if (status is 0 or >= 500)
            {
                await DelayAsync(TimeSpan.FromSeconds(1), stop);
            }
        }
    }

    private static async Task DelayAsync(TimeSpan wait, CancellationToken stop)
    {
        try
        {
            await Task.Delay(wait, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<string> RunShellAsync(string command, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the restart command exited with {process.ExitCode}: {await stderr}");
        }

        return await stdout + await stderr;
    }

    private static void WriteInto(string path, string markdown)
    {
        var text = File.ReadAllText(path);
        var section = new StringBuilder().Append(StartMarker).Append('\n').Append(markdown.TrimEnd()).Append('\n').Append(EndMarker).ToString();
        var start = text.IndexOf(StartMarker, StringComparison.Ordinal);
        var end = text.IndexOf(EndMarker, StringComparison.Ordinal);
        text = start >= 0 && end > start
            ? string.Concat(text.AsSpan(0, start), section, text.AsSpan(end + EndMarker.Length))
            : text.TrimEnd() + "\n\n" + section + "\n";
        File.WriteAllText(path, text);
    }

    private static void Log(string message) => Console.Error.WriteLine($"[soak] {message}");
}
