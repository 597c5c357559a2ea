namespace EmploymentDashboard.Bench.Pages;

/// <summary>Nearest-rank percentiles of latencies; a request cut off at the time bound counts as slower than any other.</summary>
public static class Percentiles
{
    /// <summary>
    /// The <paramref name="percent"/>-th percentile by the nearest-rank method: the smallest value such that at least
    /// that share of the values are less than or equal to it. Null when there are no values; +∞ when it falls among
    /// the <paramref name="cutOff"/> requests that never completed.
    /// </summary>
    public static double? Of(IReadOnlyList<double> sortedValues, int cutOff, double percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cutOff);
        if (percent is <= 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "a percentile is above 0 and at most 100");
        }

        var count = sortedValues.Count + cutOff;
        if (count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(percent / 100 * count);
        return rank <= sortedValues.Count ? sortedValues[rank - 1] : double.PositiveInfinity;
    }
}
