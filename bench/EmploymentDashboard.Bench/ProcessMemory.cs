using System.Globalization;

namespace EmploymentDashboard.Bench;

/// <summary>Resident memory of another process, from /proc/&lt;pid&gt;/status (Linux).</summary>
public sealed class ProcessMemory(int pid)
{
    private readonly string _statusPath = $"/proc/{pid}/status";
    private readonly string _clearRefsPath = $"/proc/{pid}/clear_refs";

    /// <summary>Current resident set size in bytes (VmRSS).</summary>
    public long Rss() => Read("VmRSS:");

    /// <summary>Resident memory that is not backed by a file (heaps, stacks, JIT code): RssAnon.</summary>
    public long AnonymousRss() => Read("RssAnon:");

    /// <summary>Peak resident set size in bytes (VmHWM) since start or since the last <see cref="TryResetPeak"/>.</summary>
    public long Peak() => Read("VmHWM:");

    /// <summary>Resets VmHWM to the current RSS (writing 5 to clear_refs); false when the kernel or permissions refuse.</summary>
    public bool TryResetPeak()
    {
        try
        {
            File.WriteAllText(_clearRefsPath, "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Samples VmRSS every <paramref name="interval"/> until cancelled; returns the highest value seen.</summary>
    public async Task<long> SampleMaxRssAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        var max = Rss();
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                max = Math.Max(max, Rss());
            }
        }
        catch (OperationCanceledException)
        {
        }

        return Math.Max(max, Rss());
    }

    private long Read(string key)
    {
        foreach (var line in File.ReadLines(_statusPath))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                // "VmRSS:     123456 kB"
                var number = line[key.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return long.Parse(number, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"{key} not found in {_statusPath}");
    }
}
