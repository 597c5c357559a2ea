using System.Diagnostics;
using System.Globalization;

namespace EmploymentDashboard.Data.Import;

/// <summary>
/// How long each phase of one import took, in order, logged once at its end (category
/// EmploymentDashboard.Data.Import.DataImporter, level Information), so a slow import shows where its time went
/// and the benchmark can print every phase.
/// </summary>
public sealed class ImportPhases
{
    private readonly List<(string Phase, TimeSpan Elapsed)> _phases = [];
    private long _lap = Stopwatch.GetTimestamp();

    public IReadOnlyList<(string Phase, TimeSpan Elapsed)> All => _phases;

    /// <summary>Records a phase timed elsewhere (one interleaved with another, as parsing is with the COPY).</summary>
    public void Add(string phase, TimeSpan elapsed) => _phases.Add((phase, elapsed));

    /// <summary>Records the time since the last lap as the phase just finished.</summary>
    public void Lap(string phase)
    {
        var now = Stopwatch.GetTimestamp();
        _phases.Add((phase, Stopwatch.GetElapsedTime(_lap, now)));
        _lap = now;
    }

    /// <summary>Starts the next lap now, leaving the time since the last one out.</summary>
    public void Restart() => _lap = Stopwatch.GetTimestamp();

    public override string ToString() =>
        string.Join("; ", _phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Phase} {p.Elapsed.TotalSeconds:F2} s")));
}
