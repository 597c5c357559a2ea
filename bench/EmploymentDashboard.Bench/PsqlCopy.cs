using System.Diagnostics;

namespace EmploymentDashboard.Bench;

/// <summary>
/// The baseline: <c>psql -c "\copy (query) to stdout csv header"</c>, its output read by this program exactly as
/// the HTTP export is (line feeds counted, nothing kept), so both sides pay for the same client work.
/// </summary>
public sealed class PsqlCopy(string psql, string query)
{
    public async Task<(StreamTally Tally, TimeSpan Elapsed)> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var process = Start();
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var tally = await LineCounter.CountAsync(process.StandardOutput.BaseStream, clock, cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var elapsed = clock.Elapsed;
        EnsureSuccess(process, await errors);
        return (tally, elapsed);
    }

    /// <summary>Starts psql for reading its output line by line (the content check); the caller waits for it.</summary>
    public Process Start()
    {
        var start = new ProcessStartInfo(psql)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", $@"\copy ({query}) to stdout csv header" })
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {psql}");
    }

    public static void EnsureSuccess(Process process, string errors)
    {
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"psql exited with {process.ExitCode}: {errors.Trim()}");
        }
    }
}
