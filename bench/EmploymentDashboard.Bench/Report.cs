using System.Globalization;
using System.Text;

namespace EmploymentDashboard.Bench;

/// <summary>Renders a <see cref="BenchResult"/> as Markdown and keeps one section per row count in docs/benchmarks.md.</summary>
public static class Report
{
    private static readonly CultureInfo _invariant = CultureInfo.InvariantCulture;

    public static string Markdown(BenchResult result)
    {
        var o = result.Options;
        var text = new StringBuilder();
        text.AppendLine(_invariant, $"### {o.ExpectedRows:N0} rows, {result.Started:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(_invariant, $"- Command: `{o.Command}`");
        text.AppendLine(_invariant, $"- Machine: {o.Machine}");
        text.AppendLine(_invariant, $"- Export: `GET {o.ExportPath}` as {o.Email}; baseline: `psql -c \"\\copy (…) to stdout csv header\"` with the query in `bench/placements-query.sql`");
        text.AppendLine(_invariant, $"- Rows: every run returned {o.ExpectedRows:N0} data rows: {(result.RowCountsAgree ? "yes" : "**NO**")}");
        if (result.Content is { } content)
        {
            text.AppendLine(_invariant, $"- Content, export vs psql line by line (BOM and CRLF aside): {(content.Equal ? $"identical, {content.Lines:N0} lines" : $"**differs**, {content.FirstDifference}")}");
        }

        text.AppendLine();
        text.AppendLine("| run | psql rows/s | export rows/s | export / psql | export first byte | export MB/s | web peak RSS during export |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in result.Of(Side.Export))
        {
            var psql = result.Of(Side.Psql).Single(r => r.Run == run.Run);
            var peak = Math.Max(run.PeakRss ?? 0, run.SampledPeakRss ?? 0);
            text.AppendLine(_invariant,
                $"| {run.Run} | {psql.RowsPerSecond:N0} | {run.RowsPerSecond:N0} | {run.RowsPerSecond / psql.RowsPerSecond:0.00}× | {run.Tally.FirstByte.TotalMilliseconds:N0} ms | {run.Tally.Bytes / 1e6 / run.Elapsed.TotalSeconds:N1} | {Mb(peak)} |");
        }

        text.AppendLine(_invariant,
            $"| **median** | **{result.MedianRowsPerSecond(Side.Psql):N0}** | **{result.MedianRowsPerSecond(Side.Export):N0}** | **{result.Ratio:0.00}×** | | | **{Mb(result.ExportPeakRss)}** (max) |");
        text.AppendLine();
        text.AppendLine("| target | measured | met |");
        text.AppendLine("|---|---:|---|");
        text.AppendLine(_invariant, $"| export ≥ {BenchResult.RatioTarget:0.0}× psql's rows per second (medians) | {result.Ratio:0.00}× | {YesNo(result.RatioMet)} |");
        text.AppendLine(_invariant, $"| memory the export adds to the idle process < {Mb(BenchResult.AddedMemoryTargetBytes)} (largest peak during an export − idle RSS) | {Mb(result.AddedRss)} | {YesNo(result.AddedMemoryMet)} |");
        text.AppendLine(_invariant, $"| web process peak memory < {Mb(BenchResult.MemoryTargetBytes)} (VmHWM over the whole life of the process) | {Mb(result.LifetimePeakRss)} | {YesNo(result.MemoryMet)} |");
        text.AppendLine();
        text.AppendLine(_invariant,
            $"Web process RSS when idle after start and sign-in: {Mb(result.IdleRss)}, of which {Mb(result.IdleAnonymousRss)} anonymous (the rest is mapped files: runtime, assemblies). Peak during an export is VmHWM {(result.PeakResetWorked ? "reset before each export (clear_refs)" : "(could not be reset)")} and VmRSS sampled every 50 ms. MB = 10⁶ bytes.");
        return text.ToString();
    }

    /// <summary>Replaces (or appends) the section for this row count, between HTML comment markers.</summary>
    public static void WriteInto(string path, BenchResult result)
    {
        var start = $"<!-- bench:rows={result.Options.ExpectedRows.ToString(_invariant)} -->";
        var end = $"<!-- /bench:rows={result.Options.ExpectedRows.ToString(_invariant)} -->";
        var section = $"{start}\n{Markdown(result).Replace("\r\n", "\n", StringComparison.Ordinal)}{end}\n";
        var document = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
        var from = document.IndexOf(start, StringComparison.Ordinal);
        var to = document.IndexOf(end, StringComparison.Ordinal);
        document = from >= 0 && to > from
            ? string.Concat(document.AsSpan(0, from), section, document.AsSpan(to + end.Length).TrimStart('\n'))
            : document.TrimEnd('\n') + "\n\n" + section;
        File.WriteAllText(path, document);
    }

    public static string Mb(long bytes) => (bytes / 1e6).ToString("N0", _invariant) + " MB";

    private static string YesNo(bool met) => met ? "yes" : "**no**";
}
