namespace EmploymentDashboard.Data.Disclosure;

/// <summary>Exact rates for staff, who see every figure; only a missing base (zero) withholds one, as <see cref="SuppressionReason.NoBase"/>.</summary>
public static class ExactRate
{
    /// <summary><paramref name="per"/> × numerator / denominator, rounded to <paramref name="decimals"/> as <see cref="DisclosurePolicy.Rate"/> rounds.</summary>
    public static DisclosedRate Of(long numerator, long denominator, int decimals = 1, decimal per = 100m)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(numerator);
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 28);
        return denominator > 0
            ? new DisclosedRate(Math.Round(per * numerator / denominator, decimals), decimals, SuppressionReason.None)
            : new DisclosedRate(0, decimals, SuppressionReason.NoBase);
    }
}
