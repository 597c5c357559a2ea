using System.Globalization;
using System.Text;
using EmploymentDashboard.Bench.Pages;

namespace EmploymentDashboard.Bench.Soak;

/// <summary>The figures of one soak run and the verdict: no server error outside the restart window, memory flat.</summary>
public sealed class SoakResult(
    IReadOnlyList<SoakSample> samples,
    IReadOnlyList<(TimeSpan At, long Bytes)> rss,
    (TimeSpan From, TimeSpan To)? window,
    TimeSpan restartAt,
    TimeSpan duration,
    int publicClients,
    int staffClients,
    int exporters,
    int importers,
    string peakRss)
{
    private static readonly string[] Kinds = ["public", "staff", "export", "import"];

    private bool InWindow(SoakSample s) => window is { } w && s.At >= w.From && s.At <= w.To;

    private static bool IsError(SoakSample s) => s.Status is 0 or >= 500;

    /// <summary>Anything other than 200, a 429 (export rate limit, waited out) or a server error: a redirect means a lost session.</summary>
    private static bool IsUnexpected(SoakSample s) => !IsError(s) && s.Status is not 200 and not 429;

    /// <summary>Mean RSS over [from, to).</summary>
    private double? MeanRss(TimeSpan from, TimeSpan to)
    {
        var values = rss.Where(r => r.At >= from && r.At < to).Select(r => (double)r.Bytes).ToList();
        return values.Count == 0 ? null : values.Average();
    }

    /// <summary>Memory at minute 2 (after warm-up) and over the last two minutes.</summary>
    private (double? Early, double? Late) Memory() =>
        (MeanRss(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)), MeanRss(duration - TimeSpan.FromMinutes(2), duration + TimeSpan.FromMinutes(1)));

    /// <summary>Seconds from the database being back to the first 200 of each kind.</summary>
    private double? RecoverySeconds(string kind)
    {
        if (window is not { } w)
        {
            return null;
        }

        var back = w.To - TimeSpan.FromSeconds(20);
        var first = samples.FirstOrDefault(s => s.Kind == kind && s.At >= back && s.Status == 200);
        return first is null ? null : Math.Max(0, (first.At - back).TotalSeconds);
    }

    public IEnumerable<string> Problems()
    {
        if (window is null)
        {
            yield return "the database restart did not happen";
        }

        var outside = samples.Where(s => IsError(s) && !InWindow(s)).ToList();
        if (outside.Count > 0)
        {
            yield return $"{outside.Count} requests failed (5xx or no answer) outside the restart window, first at {outside[0].At.TotalSeconds:0} s ({outside[0].Kind} {outside[0].Path}, status {outside[0].Status})";
        }

        var unexpected = samples.Where(IsUnexpected).ToList();
        if (unexpected.Count > 0)
        {
            yield return $"{unexpected.Count} requests answered neither 200 nor 429 nor 5xx, at {string.Join(", ", unexpected.GroupBy(s => (s.Path, s.Status)).Take(8).Select(g => $"{g.Key.Path} {g.Key.Status} ×{g.Count()}"))}";
        }

        foreach (var kind in Kinds.Where(k => samples.Any(s => s.Kind == k)))
        {
            if (window is not null && RecoverySeconds(kind) is null)
            {
                yield return $"no {kind} request succeeded after the database restart";
            }
        }

        var (early, late) = Memory();
        if (early is { } e && late is { } l && l > e * 1.10 && l - e > 40 * 1024 * 1024)
        {
            yield return $"memory grew from {e / 1048576:0} MB (minute 2) to {l / 1048576:0} MB (last two minutes)";
        }
    }

    public string Markdown(string command, string machine, DateTimeOffset started)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        var verdict = Problems().ToList();
        text.Append(invariant, $"### Soak: {duration.TotalMinutes:0} minutes of mixed load with a database restart ({started:yyyy-MM-dd HH:mm} UTC)\n\n");
        text.Append(invariant, $"Command: `{command}`. Machine: {machine}.\n\n");
        text.Append(invariant, $"Load: {publicClients} anonymous visitors on public pages and the API (varied years, districts, measures, languages), {staffClients} signed-in staff on exact-figure pages and the employer list, {exporters} analyst(s) downloading record exports (rate limit waited out), each sending the next request as soon as the previous one is answered; {importers} member(s) of staff importing a {SoakImports.RowsPerFile}-row placements file (open /Import, preview, commit: half the rows new people, half unchanged) and pausing between imports.\n");
        if (window is { } w)
        {
            text.Append(invariant, $"The database was stopped (`pg_ctl stop -m fast`) and started again at {restartAt.TotalSeconds:0} s; the restart window counted as expected errors runs from the stop to 20 s after the start completed ({w.From.TotalSeconds:0}–{w.To.TotalSeconds:0} s).\n\n");
        }

        text.Append("| requests | total | 200 | 429 | 5xx or no answer in the window | 5xx or no answer outside | other | p50 | p95 | back after the restart |\n");
        text.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var kind in Kinds)
        {
            var of = samples.Where(s => s.Kind == kind).ToList();
            var ok = of.Where(s => s.Status == 200).Select(s => s.Milliseconds).Order().ToList();
            var recovery = RecoverySeconds(kind);
            text.Append(invariant, $"| {kind} | {of.Count:N0} | {ok.Count:N0} | {of.Count(s => s.Status == 429):N0} | {of.Count(s => IsError(s) && InWindow(s)):N0} | {of.Count(s => IsError(s) && !InWindow(s)):N0} | {of.Count(IsUnexpected):N0} | {PagesReport.Ms(Percentiles.Of(ok, 0, 50))} | {PagesReport.Ms(Percentiles.Of(ok, 0, 95))} | {(recovery is { } r ? $"{r:0.0} s" : "—")} |\n");
        }

        text.Append("\nResident memory of the web process (RSS, highest sample of each minute):\n\n| minute | ");
        var minutes = (int)Math.Ceiling(duration.TotalMinutes);
        text.Append(string.Join(" | ", Enumerable.Range(1, minutes).Select(m => m.ToString(invariant)))).Append(" |\n|---|");
        text.Append(string.Concat(Enumerable.Repeat("---:|", minutes))).Append("\n| MB | ");
        text.Append(string.Join(" | ", Enumerable.Range(0, minutes).Select(m =>
        {
            var inMinute = rss.Where(r => r.At >= TimeSpan.FromMinutes(m) && r.At < TimeSpan.FromMinutes(m + 1)).ToList();
            return inMinute.Count == 0 ? "—" : (inMinute.Max(r => r.Bytes) / 1048576.0).ToString("0", invariant);
        }))).Append(" |\n\n");
        var (early, late) = Memory();
        text.Append(invariant, $"Mean RSS in minute 2: {(early is { } e ? $"{e / 1048576:0} MB" : "—")}; over the last two minutes: {(late is { } l ? $"{l / 1048576:0} MB" : "—")}; peak (VmHWM): {peakRss}.\n\n");
        text.Append(verdict.Count == 0
            ? "Verdict: **pass** — no server error or unanswered request outside the restart window, every kind of request succeeded again after the restart, memory flat (the last two minutes within 10 % or 40 MB of minute 2).\n"
            : "Verdict: **fail** — " + string.Join("; ", verdict) + ".\n");
        return text.ToString();
    }
}
