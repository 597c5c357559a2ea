using System.Diagnostics;

namespace EmploymentDashboard.Bench.Pages;

/// <summary>What one load run measured: latencies of completed requests and the requests cut off at the time bound.</summary>
public sealed record LoadResult(int Clients, IReadOnlyList<double> SortedLatenciesMs, int CutOff, int Failed, string? FirstFailure, TimeSpan Elapsed, long Bytes)
{
    public int Completed => SortedLatenciesMs.Count;

    public double? P50 => Percentiles.Of(SortedLatenciesMs, CutOff, 50);

    public double? P95 => Percentiles.Of(SortedLatenciesMs, CutOff, 95);

    public double RequestsPerSecond => Elapsed > TimeSpan.Zero ? Completed / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Runs one kind of request with N concurrent clients, each sending its next request when the previous one is
/// answered, bounded in time and in request count: no request starts after <c>duration</c> or beyond
/// <c>maxRequests</c>; requests still running at <c>duration + grace</c> are cancelled and counted as cut off.
/// Requests per second are completed requests over the time from the start to the last answer.
/// </summary>
public static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(
        Func<CancellationToken, Task<long>> request, int clients, TimeSpan duration, int maxRequests, TimeSpan grace, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clients, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRequests, 1);
        using var hard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hard.CancelAfter(duration + grace);
        var latencies = new List<double>();
        var gate = new object();
        int issued = 0, cutOff = 0, failed = 0;
        string? firstFailure = null;
        long bytes = 0;
        var lastAnswer = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();

        async Task Client()
        {
            while (clock.Elapsed < duration && Interlocked.Increment(ref issued) <= maxRequests)
            {
                var start = clock.Elapsed;
                try
                {
                    var size = await request(hard.Token);
                    var end = clock.Elapsed;
                    lock (gate)
                    {
                        latencies.Add((end - start).TotalMilliseconds);
                        bytes += size;
                        lastAnswer = end > lastAnswer ? end : lastAnswer;
                    }
                }
                catch (OperationCanceledException) when (hard.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref cutOff);
                    lock (gate)
                    {
                        lastAnswer = clock.Elapsed;
                    }

                    return;
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException or Npgsql.NpgsqlException)
                {
                    lock (gate)
                    {
                        failed++;
                        firstFailure ??= e.Message;
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(Client, CancellationToken.None)));
        cancellationToken.ThrowIfCancellationRequested();
        latencies.Sort();
        return new LoadResult(clients, latencies, cutOff, failed, firstFailure, lastAnswer, bytes);
    }
}
