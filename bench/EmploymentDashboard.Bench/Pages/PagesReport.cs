using System.Globalization;
using System.Text;

namespace EmploymentDashboard.Bench.Pages;

/// <summary>Renders the page-load results as Markdown and keeps one section per data-set size in docs/benchmarks.md.</summary>
public sealed class PagesReport(
    PagesOptions options, DateTimeOffset started, IReadOnlyList<PageCase> cases, IReadOnlyList<CaseResult> results, IReadOnlyList<AppRun> apps, CorrectnessResult correctness)
{
    public const double ColdP95TargetMs = 50;
    public const double ApiP95TargetMs = 10;
    public const double NaiveRatioTarget = 10;
    public const double TrivialRatioTarget = 0.7;
    public const long PeakRssTargetBytes = 300_000_000;

    private static readonly CultureInfo _invariant = CultureInfo.InvariantCulture;

    public string Markdown()
    {
        var o = options;
        var n = o.Clients;
        var text = new StringBuilder();
        text.AppendLine(_invariant, $"### Pages, {o.Placements:N0} placements, {started:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(_invariant, $"- Command: `{o.Command}`");
        text.AppendLine(_invariant, $"- Machine: {o.Machine}");
        text.AppendLine(_invariant, $"- View: region `{o.Region}`, year {o.Year}, district `{o.District}`, measure `{o.Measure}`; /Quotas as staff ({o.Email}), the rest anonymous");
        text.AppendLine(_invariant, $"- Bounds per cell: no request starts after {o.Duration.TotalSeconds:0} s or beyond {o.MaxRequests:N0} requests ({o.MaxCachedRequests:N0} for a cached anonymous page and for the trivial endpoint, which alternate, after every page's first request and an unmeasured warm-up of {o.WarmUpRequests:N0} requests with {o.Clients} clients for every cached page and trivial endpoint); requests still running {o.Grace.TotalSeconds:0} s later are cut off and count as slower than any (p = ∞)");
        text.AppendLine();
        text.AppendLine(_invariant, $"| page | mode | p50 ×1 | p95 ×1 | req/s ×1 | p50 ×{n} | p95 ×{n} | req/s ×{n} | ratio ×{n} | done / cut off ×{n} |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var page in cases)
        {
            foreach (var mode in new[] { "naive", "cold", "warm", "trivial" })
            {
                var one = Find(page.Name, mode, 1);
                var many = Find(page.Name, mode, n);
                if (one is null || many is null)
                {
                    continue;
                }

                // Cold and warm against the naive SQL; the trivial endpoint against the warm (cached) page.
                var (against, over) = mode switch
                {
                    "cold" or "warm" => (Find(page.Name, "naive", n), many),
                    "trivial" => (many, Find(page.Name, "warm", n)),
                    _ => (null, null),
                };
                var ratio = against is { RequestsPerSecond: > 0 } && over is not null
                    ? $"{Ratio(over.RequestsPerSecond / against.RequestsPerSecond)}{(mode == "trivial" ? " (warm / trivial)" : "")}"
                    : "";
                var label = mode == "trivial" ? $"trivial, {Bytes(page.Name)}" : mode == "naive" ? "naive SQL" : mode;
                text.AppendLine(_invariant,
                    $"| {page.Name} | {label} | {Ms(one.P50)} | {Ms(one.P95)} | {Rate(one)} | {Ms(many.P50)} | {Ms(many.P95)} | {Rate(many)} | {ratio} | {many.Completed} / {many.CutOff}{(many.Failed + one.Failed > 0 ? $", **{many.Failed + one.Failed} failed**" : "")} |");
            }
        }

        text.AppendLine();
        text.AppendLine("| target (issue 8) | measured | met |");
        text.AppendLine("|---|---:|---|");
        var coldPages = cases.Where(c => c.Name != "API table").Select(c => Find(c.Name, "cold", 1)).OfType<LoadResult>().ToList();
        var worstCold = coldPages.Count == 0 ? (double?)null : coldPages.Max(r => r.P95 ?? double.PositiveInfinity);
        text.AppendLine(_invariant, $"| caching off, 1 client: p95 ≤ {ColdP95TargetMs:0} ms on every page (worst shown) | {Ms(worstCold)} | {YesNo(worstCold <= ColdP95TargetMs)} |");
        var ratios = cases.Select(c => (Find(c.Name, "cold", n), Find(c.Name, "naive", n)))
            .Where(p => p.Item1 is not null && p.Item2 is { RequestsPerSecond: > 0 })
            .Select(p => p.Item1!.RequestsPerSecond / p.Item2!.RequestsPerSecond).ToList();
        var worstRatio = ratios.Count == 0 ? (double?)null : ratios.Min();
        text.AppendLine(_invariant, $"| caching off, {n} clients: req/s ≥ {NaiveRatioTarget:0}× the naive SQL's on every page (worst shown) | {(worstRatio is { } r ? Ratio(r) : "–")} | {YesNo(worstRatio >= NaiveRatioTarget)} |");
        var trivial = cases.Where(c => !c.AsStaff)
            .Select(c => (Find(c.Name, "warm", n), Find(c.Name, "trivial", n)))
            .Where(p => p.Item1 is not null && p.Item2 is { RequestsPerSecond: > 0 })
            .Select(p => p.Item1!.RequestsPerSecond / p.Item2!.RequestsPerSecond).ToList();
        var worstTrivial = trivial.Count == 0 ? (double?)null : trivial.Min();
        text.AppendLine(_invariant, $"| caching on, {n} clients: anonymous pages ≥ {TrivialRatioTarget:0.0}× the req/s of the trivial endpoint with the same byte count (worst shown) | {(worstTrivial is { } t ? Ratio(t) : "–")} | {YesNo(worstTrivial >= TrivialRatioTarget)} |");
        var api = Find("API table", "cold", 1);
        text.AppendLine(_invariant, $"| one API table, caching off, 1 client: p95 ≤ {ApiP95TargetMs:0} ms | {Ms(api?.P95)} | {YesNo(api?.P95 <= ApiP95TargetMs)} |");
        var peak = apps.Count == 0 ? 0 : apps.Max(a => a.PeakRss);
        text.AppendLine(_invariant, $"| web process peak RSS < {Report.Mb(PeakRssTargetBytes)} (VmHWM, whole life of each process) | {string.Join(", ", apps.Select(a => $"{a.Mode} {Report.Mb(a.PeakRss)}"))} | {YesNo(peak < PeakRssTargetBytes)} |");
        text.AppendLine(_invariant, $"| the API's staff figures equal the naive SQL on a sample of views | {correctness.Views.Count(v => v.Problem is null)} of {correctness.Views.Count} views, {correctness.Views.Sum(v => v.Cells):N0} figures | {YesNo(correctness.AllEqual)} |");
        text.AppendLine();
        foreach (var view in correctness.Views.Where(v => v.Problem is not null))
        {
            text.AppendLine(_invariant, $"- **Differs**: `{view.Path}`: {view.Problem}");
        }

        text.AppendLine(_invariant,
            $"Idle RSS after start and sign-in: {string.Join(", ", apps.Select(a => $"{a.Mode} {Report.Mb(a.IdleRss)}"))}; of it not backed by files (RssAnon: heaps, stacks, JIT code; the rest is the mapped runtime and assemblies) when idle and after the last page: {string.Join(", ", apps.Select(a => $"{a.Mode} {Report.Mb(a.IdleAnonymousRss)} → {Report.Mb(a.EndAnonymousRss)}"))}. Cold = `Dashboard__CacheAnonymousResponses=false`, warm = `true` (both the same before the app reads that setting). The ratio of cold and warm rows is the page's requests per second with {n} clients over the naive SQL's with {n} connections; on trivial rows it is the cached (warm) page's over the trivial endpoint's. p50/p95 by nearest rank; ms = milliseconds, MB = 10⁶ bytes.");
        return text.ToString();
    }

    /// <summary>Replaces (or appends) the section for this data-set size, between HTML comment markers.</summary>
    public void WriteInto(string path)
    {
        var size = options.Placements.ToString(_invariant);
        var start = $"<!-- bench:pages={size} -->";
        var end = $"<!-- /bench:pages={size} -->";
        var section = $"{start}\n{Markdown().Replace("\r\n", "\n", StringComparison.Ordinal)}{end}\n";
        var document = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
        var from = document.IndexOf(start, StringComparison.Ordinal);
        var to = document.IndexOf(end, StringComparison.Ordinal);
        document = from >= 0 && to > from
            ? string.Concat(document.AsSpan(0, from), section, document.AsSpan(to + end.Length).TrimStart('\n'))
            : document.TrimEnd('\n') + "\n\n" + section;
        File.WriteAllText(path, document);
    }

    public static string Ms(double? ms) => ms switch
    {
        null => "–",
        double.PositiveInfinity => "∞",
        < 10 => ms.Value.ToString("0.0", _invariant) + " ms",
        < 10_000 => ms.Value.ToString("N0", _invariant) + " ms",
        _ => (ms.Value / 1000).ToString("N1", _invariant) + " s",
    };

    /// <summary>A ratio with two significant digits however small (0.00007 is "0.000070×", not "0.00×").</summary>
    public static string Ratio(double ratio) =>
        (ratio >= 0.1 || ratio == 0 ? ratio.ToString("0.00", _invariant) : ratio.ToString("0." + new string('0', 1 - (int)Math.Floor(Math.Log10(ratio))), _invariant)) + "×";

    private static string Rate(LoadResult r) => r.RequestsPerSecond.ToString(r.RequestsPerSecond < 10 ? "0.00" : "N0", _invariant);

    private static string YesNo(bool met) => met ? "yes" : "**no**";

    private string Bytes(string page) =>
        apps.LastOrDefault(a => a.PageBytes.ContainsKey(page)) is { } app ? $"{app.PageBytes[page]:N0} B" : "";

    private LoadResult? Find(string page, string mode, int clients) =>
        results.FirstOrDefault(r => r.Name == page && r.Mode == mode && r.Result.Clients == clients)?.Result;
}
