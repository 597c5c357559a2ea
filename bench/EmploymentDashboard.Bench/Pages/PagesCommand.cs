using System.Diagnostics;
using System.Net;
using Npgsql;

namespace EmploymentDashboard.Bench.Pages;

/// <summary>One measured page: its address, whether it is requested as staff, and the naive SQL computing its numbers.</summary>
public sealed record PageCase(string Name, string Path, bool AsStaff, string NaiveSql);

/// <summary>The figures of one page (or of the naive SQL, or of the trivial endpoint) with 1 and with N clients.</summary>
public sealed record CaseResult(string Name, string Mode, LoadResult Result);

/// <summary>
/// <c>pages</c>: the page-load benchmark. Runs the naive SQL of every page against the database (1 and N concurrent
/// connections), then starts the web app twice — response caching off ("cold"), then on ("warm") — and measures every
/// page with 1 and N clients after a warm-up, the trivial endpoint returning a page's byte count from memory, and
/// the web process's peak RSS; checks on a sample of views that the API's staff figures equal the naive SQL's;
/// and writes the tables into docs/benchmarks.md.
/// </summary>
public static class PagesCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        PagesOptions options;
        try
        {
            options = PagesOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Log(e.Message);
            Log("usage: EmploymentDashboard.Bench pages --web-dll DLL --connection CS --email E --password P --port PORT --placements N"
                + " [--year 2025] [--district CODE] [--measure CODE] [--clients 16] [--duration 20] [--max-requests 400] [--max-cached-requests 4000] [--warm-up-requests 4000] [--grace 30]"
                + " [--doc docs/benchmarks.md] [--command CMD] [--machine TEXT] [--log web.log]");
            return 2;
        }

        try
        {
            return await RunAsync(options, cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or NpgsqlException or System.ComponentModel.Win32Exception)
        {
            Log($"ERROR: {e.Message}");
            return 2;
        }
    }

    private static async Task<int> RunAsync(PagesOptions o, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var cases = Cases(o);
        var results = new List<CaseResult>();
        int[] clientCounts = [1, o.Clients];

        await using var database = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(o.ConnectionString)
        {
            CommandTimeout = 0,
            MaxPoolSize = Math.Max(20, o.Clients + 4),
        }.ConnectionString).Build();

        Log("naive SQL baseline");
        foreach (var page in cases)
        {
            var clock = Stopwatch.StartNew();
            var rows = await NaiveAsync(database, page.NaiveSql, o, cancellationToken);
            Log($"  {page.Name}: warm-up {clock.Elapsed.TotalMilliseconds:N0} ms, {rows} rows");
            foreach (var clients in clientCounts)
            {
                var result = await LoadRunner.RunAsync(ct => NaiveAsync(database, page.NaiveSql, o, ct), clients, o.Duration, o.MaxRequests, o.Grace, cancellationToken);
                results.Add(new CaseResult(page.Name, "naive", result));
                Log($"  {page.Name} naive ×{clients}: {Describe(result)}");
            }
        }

        var apps = new List<AppRun>();
        CorrectnessResult? correctness = null;
        foreach (var cached in new[] { false, true })
        {
            var mode = cached ? "warm" : "cold";
            Log($"web app with response caching {(cached ? "on" : "off")} ({mode})");
            var environment = new Dictionary<string, string>
            {
                ["ConnectionStrings__Dashboard"] = o.ConnectionString,
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Dashboard__CacheAnonymousResponses"] = cached ? "true" : "false",
                ["Dashboard__BenchmarkEndpoints"] = "true",
                ["Dashboard__CreateDemoAccounts"] = "false",
                ["Dashboard__ApplyMigrationsOnStartup"] = "false",
                ["Dashboard__SeedDemoDataIfEmpty"] = "false",
                ["Serilog__MinimumLevel__Default"] = "Warning",
                ["DOTNET_GCgen0size"] = Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "0x800000",
            };
            await using var app = await WebApp.StartAsync(o.WebDll, o.Port, environment, o.LogPath, cancellationToken);
            var memory = new ProcessMemory(app.Pid);
            using var anonymous = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
            {
                BaseAddress = app.BaseUrl,
                Timeout = Timeout.InfiniteTimeSpan,
            };
            using var staff = new DashboardClient(app.BaseUrl);
            await staff.SignInAsync(o.Email, o.Password, cancellationToken);
            var idle = memory.Rss();
            var idleAnonymous = memory.AnonymousRss();
            Log($"  signed in as {o.Email}; idle RSS {Report.Mb(idle)} ({Report.Mb(idleAnonymous)} not backed by files)");

            var sizes = new Dictionary<string, long>();
            foreach (var page in cases)
            {
                var clock = Stopwatch.StartNew();
                sizes[page.Name] = await GetAsync(page.AsStaff ? staff.Http : anonymous, page.Path, cancellationToken);
                Log($"  {page.Name}: first request {clock.Elapsed.TotalMilliseconds:N0} ms, {sizes[page.Name]:N0} bytes");
            }

            foreach (var stage in new Func<PageCase, IReadOnlyList<LoadCell>>[] { p => LoadPlan.WarmUp(p, cached, sizes[p.Name], o), p => LoadPlan.Measured(p, cached, sizes[p.Name], o) })
            {
                foreach (var page in cases)
                {
                    foreach (var cell in stage(page))
                    {
                        var http = cell.AsStaff ? staff.Http : anonymous;
                        var result = await LoadRunner.RunAsync(ct => GetAsync(http, cell.Path, ct), cell.Clients, o.Duration, cell.MaxRequests, o.Grace, cancellationToken);
                        if (cell.Measured)
                        {
                            results.Add(new CaseResult(page.Name, cell.Mode, result));
                        }

                        var what = cell.Mode == "trivial" ? $"{page.Name} trivial ({sizes[page.Name]:N0} bytes)" : $"{page.Name} {cell.Mode}";
                        Log($"  {what} {(cell.Measured ? "" : "warm-up ")}×{cell.Clients}: {Describe(result)}");
                    }
                }
            }

            if (!cached)
            {
                Log("  correctness: the API's staff figures against the naive SQL");
                correctness = await Correctness.CheckAsync(staff.Http, database, o, cancellationToken);
                foreach (var view in correctness.Views)
                {
                    Log($"    {view.Path}: {(view.Problem is null ? $"equal ({view.Cells} figures)" : "DIFFERENT: " + view.Problem)}");
                }
            }

            var endAnonymous = memory.AnonymousRss();
            apps.Add(new AppRun(mode, idle, memory.Peak(), sizes) { IdleAnonymousRss = idleAnonymous, EndAnonymousRss = endAnonymous });
            Log($"  peak RSS {Report.Mb(apps[^1].PeakRss)}; at the end {Report.Mb(memory.Rss())}, of which {Report.Mb(endAnonymous)} not backed by files");
        }

        var report = new PagesReport(o, started, cases, results, apps, correctness!);
        var markdown = report.Markdown();
        Console.WriteLine(markdown);
        if (o.DocPath is { } doc)
        {
            report.WriteInto(doc);
            Log($"results written into {doc}");
        }

        if (!correctness!.AllEqual)
        {
            Log("FAIL: the API's figures differ from the naive computation");
            return 1;
        }

        return results.Any(r => r.Result.Failed > 0) ? 1 : 0;
    }

    public static IReadOnlyList<PageCase> Cases(PagesOptions o) =>
    [
        new("overview", $"/?year={o.Year}", false, NaiveQueries.Overview),
        new("district", $"/Districts/{o.District}?year={o.Year}", false, NaiveQueries.District),
        new("measure", $"/Measures/{o.Measure}?year={o.Year}", false, NaiveQueries.Measure),
        new("quotas (staff)", $"/Quotas?year={o.Year}", true, NaiveQueries.Quotas),
        new("grants", $"/Grants?year={o.Year}", false, NaiveQueries.Grants),
        new("map", $"/Map?year={o.Year}", false, NaiveQueries.Map),
        new("API table", $"/api/v1/overview/overview-by-month-table?year={o.Year}", false, NaiveQueries.ByMonth),
    ];

    /// <summary>GET, 200 required, body read to the end; returns its length.</summary>
    public static async Task<long> GetAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[16 * 1024];
        long length = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            length += read;
        }

        return length;
    }

    /// <summary>Runs a naive statement with the view's parameters and reads every row; returns the row count.</summary>
    public static async Task<long> NaiveAsync(NpgsqlDataSource database, string sql, PagesOptions o, CancellationToken cancellationToken)
    {
        await using var command = NaiveCommand(database, sql, o.Region, o.Year, new DateOnly(o.Year, 1, 1), new DateOnly(o.Year + 1, 1, 1), o.District, o.Measure);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            rows++;
        }

        return rows;
    }

    public static NpgsqlCommand NaiveCommand(NpgsqlDataSource database, string sql, string region, int year, DateOnly from, DateOnly to, string district, string measure)
    {
        var command = database.CreateCommand(sql);
        void Add(string name, object value)
        {
            if (sql.Contains("@" + name, StringComparison.Ordinal))
            {
                command.Parameters.AddWithValue(name, value);
            }
        }

        Add("region", region);
        Add("year", year);
        Add("from", from);
        Add("to", to);
        Add("district", district);
        Add("measure", measure);
        return command;
    }

    private static string Describe(LoadResult r) =>
        $"{r.Completed} done{(r.CutOff > 0 ? $", {r.CutOff} cut off" : "")}{(r.Failed > 0 ? $", {r.Failed} FAILED ({r.FirstFailure})" : "")},"
        + $" p50 {PagesReport.Ms(r.P50)}, p95 {PagesReport.Ms(r.P95)}, {r.RequestsPerSecond:0.##} req/s";

    private static void Log(string message) => Console.Error.WriteLine($"[bench] {message}");
}

/// <summary>What one app process (cold or warm) showed: idle RSS after start and sign-in, lifetime peak RSS, page sizes.</summary>
public sealed record AppRun(string Mode, long IdleRss, long PeakRss, IReadOnlyDictionary<string, long> PageBytes)
{
    /// <summary>RssAnon when idle: heaps, stacks and JIT code, without the mapped runtime and assemblies.</summary>
    public long IdleAnonymousRss { get; init; }

    /// <summary>RssAnon after the last page, before the app is stopped.</summary>
    public long EndAnonymousRss { get; init; }
}
