namespace EmploymentDashboard.Data.Demo;

/// <summary>Splits a whole total over weighted parts so the parts add up to the total exactly.</summary>
public static class Apportionment
{
    /// <summary>
    /// Largest-remainder (Hamilton) method: each part gets the floor of its exact share, and the units
    /// left go to the largest remainders (ties to the earlier part, so the result is deterministic).
    /// </summary>
    public static int[] LargestRemainder(int total, IReadOnlyList<double> weights)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        if (weights.Count == 0 || weights.Any(w => w < 0 || double.IsNaN(w)) || weights.Sum() <= 0)
        {
            throw new ArgumentException("Weights must be non-negative and not all zero.", nameof(weights));
        }

        var sum = weights.Sum();
        var exact = weights.Select(w => total * w / sum).ToArray();
        var parts = exact.Select(x => (int)Math.Floor(x)).ToArray();
        var left = total - parts.Sum();
        foreach (var index in Enumerable.Range(0, parts.Length).OrderByDescending(i => exact[i] - parts[i]).ThenBy(i => i).Take(left))
        {
            parts[index]++;
        }

        return parts;
    }
}
