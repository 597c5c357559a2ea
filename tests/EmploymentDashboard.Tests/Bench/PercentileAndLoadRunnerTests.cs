using EmploymentDashboard.Bench.Pages;

namespace EmploymentDashboard.Tests.Bench;

/// <summary>The benchmark's statistics: nearest-rank percentiles and the bounds of a load run.</summary>
public sealed class PercentileAndLoadRunnerTests
{
    [Theory]
    [InlineData(50, 5)]
    [InlineData(95, 10)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(100, 10)]
    public void Percentiles_take_the_nearest_rank(double percent, double expected)
    {
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

        Assert.Equal(expected, Percentiles.Of(sorted, 0, percent));
    }

    [Fact]
    public void Requests_cut_off_at_the_time_bound_count_as_slower_than_any_other()
    {
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9];

        Assert.Equal(5, Percentiles.Of(sorted, 1, 50));
        Assert.Equal(double.PositiveInfinity, Percentiles.Of(sorted, 1, 95));
        Assert.Equal(double.PositiveInfinity, Percentiles.Of([], 3, 50));
    }

    [Fact]
    public void No_requests_have_no_percentile_and_a_bad_percent_is_refused()
    {
        Assert.Null(Percentiles.Of([], 0, 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Of([1], 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Of([1], 0, 101));
    }

    [Fact]
    public async Task A_load_run_sends_no_more_than_the_request_bound_across_all_clients()
    {
        var sent = 0;

        var result = await LoadRunner.RunAsync(
            async ct =>
            {
                Interlocked.Increment(ref sent);
                await Task.Delay(1, ct);
                return 100;
            },
            clients: 4, duration: TimeSpan.FromMinutes(1), maxRequests: 10, grace: TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(10, sent);
        Assert.Equal(10, result.Completed);
        Assert.Equal(0, result.CutOff);
        Assert.Equal(1000, result.Bytes);
        Assert.Equal(4, result.Clients);
    }

    [Fact]
    public async Task A_load_run_cuts_off_requests_still_running_after_the_grace_time_and_counts_failures()
    {
        var calls = 0;

        var result = await LoadRunner.RunAsync(
            async ct =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    throw new InvalidOperationException("GET / answered 500");
                }

                await Task.Delay(Timeout.Infinite, ct);
                return 0;
            },
            clients: 1, duration: TimeSpan.FromSeconds(3), maxRequests: 100, grace: TimeSpan.FromMilliseconds(300), CancellationToken.None);

        Assert.Equal(0, result.Completed);
        Assert.Equal(1, result.CutOff);
        Assert.Equal(1, result.Failed);
        Assert.Equal("GET / answered 500", result.FirstFailure);
        Assert.Equal(double.PositiveInfinity, result.P95);
    }

    [Theory]
    [InlineData(12.345, "12.35×")]
    [InlineData(0.7, "0.70×")]
    [InlineData(0.03, "0.030×")]
    [InlineData(0.00007, "0.000070×")]
    [InlineData(0, "0.00×")]
    public void Ratios_keep_two_significant_digits_however_small(double ratio, string expected) =>
        Assert.Equal(expected, PagesReport.Ratio(ratio));
}
