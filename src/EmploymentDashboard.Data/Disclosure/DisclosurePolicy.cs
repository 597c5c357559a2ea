namespace EmploymentDashboard.Data.Disclosure;

/// <summary>
/// The one disclosure step for public audiences: the cell key method (ADR 0010). Every count the public sees
/// is its true value plus the noise the p-table gives for its cell key; rates are computed from published
/// figures, and withheld only on a base below k.
/// </summary>
public sealed class DisclosurePolicy(PerturbationTable table)
{
    /// <summary>The policy with the p-table kept in the repository.</summary>
    public static DisclosurePolicy Default { get; } = new(PerturbationTable.Default);

    public PerturbationTable Table { get; } = table ?? throw new ArgumentNullException(nameof(table));

    /// <summary>k: no public count is from 1 to k − 1.</summary>
    public int Threshold => Table.Parameters.Threshold;

    /// <summary>A count as the public sees it: perturbed by its cell key. The same units always give the same value.</summary>
    public DisclosedValue Count(KeyedCount count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count.Count);
        return DisclosedValue.Shown(Table.Perturb(count));
    }

    /// <summary>
    /// <paramref name="per"/> × numerator / denominator (a percentage by default), rounded to <paramref name="decimals"/>,
    /// from the published figures. Withheld with <see cref="SuppressionReason.NoBase"/> on a zero base and with
    /// <see cref="SuppressionReason.SmallBase"/> on a base from 1 to k − 1 (an administrative base, such as places
    /// set, can be that small; a perturbed one never is).
    /// </summary>
    public DisclosedRate Rate(DisclosedValue numerator, DisclosedValue denominator, int decimals = 1, decimal per = 100m)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 28);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(per);
        var baseValue = denominator.Value ?? 0;
        if (baseValue == 0)
        {
            return new DisclosedRate(0, decimals, SuppressionReason.NoBase);
        }

        if (baseValue < Threshold)
        {
            return new DisclosedRate(0, decimals, SuppressionReason.SmallBase);
        }

        // Rounded like the other percentages of the dashboard (Math.Round's default), so figures agree across a page.
        return new DisclosedRate(Math.Round(per * (numerator.Value ?? 0) / baseValue, decimals), decimals, SuppressionReason.None);
    }
}
