namespace EmploymentDashboard.Data.Disclosure;

/// <summary>Rates for staff, who see exact figures: withheld only when there is no base to divide by.</summary>
public static class ExactRates
{
    public static DisclosedRate Rate(long numerator, long denominator, int decimals = 1, decimal per = 100m) =>
        denominator > 0
            ? new DisclosedRate(Math.Round(per * numerator / denominator, decimals), decimals, SuppressionReason.None)
            : new DisclosedRate(0, decimals, SuppressionReason.SmallBase);
}
