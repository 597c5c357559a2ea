namespace EmploymentDashboard.Bench;

public enum Side
{
    Psql,
    Export,
}

/// <summary>One timed run of either side. Memory figures are the web process's and only set for the export.</summary>
public sealed record Measurement(Side Side, int Run, StreamTally Tally, TimeSpan Elapsed, long? SampledPeakRss = null, long? PeakRss = null)
{
    /// <summary>Data rows: lines minus the header line.</summary>
    public long Rows => Tally.Lines - 1;

    public double RowsPerSecond => Rows / Elapsed.TotalSeconds;
}

/// <summary>Everything one benchmark run found, ready to print and to write into docs/benchmarks.md.</summary>
public sealed record BenchResult(
    BenchOptions Options,
    DateTimeOffset Started,
    long IdleRss,
    long IdleAnonymousRss,
    long LifetimePeakRss,
    bool PeakResetWorked,
    long WarmupRows,
    ContentComparison? Content,
    IReadOnlyList<Measurement> Runs)
{
    public const double RatioTarget = 0.8;
    public const long MemoryTargetBytes = 200_000_000;

    /// <summary>What an export may add to the idle process's resident memory, whatever the row count (issue 8).</summary>
    public const long AddedMemoryTargetBytes = 50_000_000;

    public IEnumerable<Measurement> Of(Side side) => Runs.Where(r => r.Side == side);

    public double MedianRowsPerSecond(Side side) => Median(Of(side).Select(r => r.RowsPerSecond));

    public double Ratio => MedianRowsPerSecond(Side.Export) / MedianRowsPerSecond(Side.Psql);

    /// <summary>The highest resident memory the web process reached during any export (VmHWM reset before each).</summary>
    public long ExportPeakRss => Of(Side.Export).Max(r => Math.Max(r.PeakRss ?? 0, r.SampledPeakRss ?? 0));

    public bool RowCountsAgree => Runs.All(r => r.Rows == Options.ExpectedRows);

    public bool RatioMet => Ratio >= RatioTarget;

    public bool MemoryMet => LifetimePeakRss < MemoryTargetBytes;

    /// <summary>The largest peak during an export minus the idle RSS measured after start and sign-in.</summary>
    public long AddedRss => ExportPeakRss - IdleRss;

    public bool AddedMemoryMet => AddedRss < AddedMemoryTargetBytes;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
