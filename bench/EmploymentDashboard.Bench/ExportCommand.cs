namespace EmploymentDashboard.Bench;

/// <summary>
/// The export benchmark (bench/run.sh): the record-level placements export against psql's \copy of the same
/// query, alternating runs, with rows per second and the web process's memory.
/// </summary>
public static class ExportCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken token)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException)
        {
            Console.Error.WriteLine($"[bench] {e.Message}");
            Console.Error.WriteLine("usage: EmploymentDashboard.Bench --url URL --pid WEB_PID --email E --password P --export PATH --warmup PATH"
                + " --psql PSQL --query-file SQL --rows N [--runs 3] [--doc docs/benchmarks.md] [--command CMD] [--machine TEXT] [--no-check]");
            return 2;
        }

        try
        {
            var started = DateTimeOffset.UtcNow;
            var memory = new ProcessMemory(options.WebPid);
            var psql = new PsqlCopy(options.Psql, options.Query);
            using var client = new DashboardClient(options.BaseUrl);

            await client.SignInAsync(options.Email, options.Password, token);
            var idleRss = memory.Rss();
            var idleAnonymous = memory.AnonymousRss();
            Log($"signed in as {options.Email}; web process RSS {Report.Mb(idleRss)} ({Report.Mb(idleAnonymous)} anonymous)");

            var warmup = await client.DownloadAsync(options.WarmupPath, token);
            Log($"warm-up export: {warmup.Tally.Lines - 1:N0} rows in {warmup.Elapsed.TotalSeconds:0.00} s");

            ContentComparison? content = null;
            if (options.CheckContent)
            {
                Log("comparing the export with psql's output line by line (not timed)");
                content = await ContentCheck.CompareAsync(client, options.ExportPath, psql, token);
                Log(content.Equal ? $"identical: {content.Lines:N0} lines" : $"DIFFERENT at {content.FirstDifference}");
            }

            var runs = new List<Measurement>();
            var resetWorked = true;
            for (var run = 1; run <= options.Runs; run++)
            {
                var (psqlTally, psqlElapsed) = await psql.RunAsync(token);
                var baseline = new Measurement(Side.Psql, run, psqlTally, psqlElapsed);
                runs.Add(baseline);
                Log($"run {run} psql:   {baseline.Rows,12:N0} rows in {psqlElapsed.TotalSeconds,7:0.00} s = {baseline.RowsPerSecond,10:N0} rows/s");

                resetWorked &= memory.TryResetPeak();
                using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(token);
                var sampling = memory.SampleMaxRssAsync(TimeSpan.FromMilliseconds(50), stopSampling.Token);
                var (exportTally, exportElapsed) = await client.DownloadAsync(options.ExportPath, token);
                await stopSampling.CancelAsync();
                var sampledPeak = await sampling;
                var export = new Measurement(Side.Export, run, exportTally, exportElapsed, sampledPeak, resetWorked ? memory.Peak() : null);
                runs.Add(export);
                Log($"run {run} export: {export.Rows,12:N0} rows in {exportElapsed.TotalSeconds,7:0.00} s = {export.RowsPerSecond,10:N0} rows/s,"
                    + $" first byte {exportTally.FirstByte.TotalMilliseconds:N0} ms, web peak RSS {Report.Mb(Math.Max(sampledPeak, export.PeakRss ?? 0))}");
                if (!exportTally.EndsWithNewline)
                {
                    Log("the export does not end with a line break (cut short?)");
                }
            }

            // Resetting VmHWM loses the lifetime peak, so the lifetime figure is the largest of what was seen.
            var lifetimePeak = Math.Max(memory.Peak(), runs.Max(r => Math.Max(r.PeakRss ?? 0, r.SampledPeakRss ?? 0)));
            var result = new BenchResult(options, started, idleRss, idleAnonymous, lifetimePeak, resetWorked, warmup.Tally.Lines - 1, content, runs);
            var markdown = Report.Markdown(result);
            Console.WriteLine(markdown);
            if (options.DocPath is { } doc)
            {
                Report.WriteInto(doc, result);
                Log($"results written into {doc}");
            }

            if (!result.RowCountsAgree)
            {
                Log($"FAIL: row counts differ (expected {options.ExpectedRows:N0}: {string.Join(", ", runs.Select(r => $"{r.Side} {r.Rows:N0}"))})");
                return 1;
            }

            if (content is { Equal: false })
            {
                Log("FAIL: the export's content differs from psql's");
                return 1;
            }

            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or System.ComponentModel.Win32Exception)
        {
            Log($"ERROR: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            Log("cancelled");
            return 130;
        }
    }

    private static void Log(string message) => Console.Error.WriteLine($"[bench] {message}");
}
