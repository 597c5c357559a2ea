using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Statistics;

namespace EmploymentDashboard.Data.Tables;

/// <summary>
/// Who a table is for: the public (every count perturbed by the cell key method, ADR 0010) or staff (exact
/// figures). <see cref="Released"/> are the counts already released exactly (the akimat's published region
/// totals): a count whose units are exactly those of a released figure is shown exact, wherever it is asked for.
/// </summary>
public sealed record TableAudience(bool IsPublic, DisclosurePolicy Policy)
{
    /// <summary>Released figures, identified by their count and the key sum of their units.</summary>
    public IReadOnlySet<KeyedCount> Released { get; init; } = new HashSet<KeyedCount>();

    public int Threshold => Policy.Threshold;

    /// <summary>One count: exact for staff and for a released figure, perturbed by its cell key for the public.</summary>
    public DisclosedValue Count(KeyedCount count) =>
        IsPublic && !Released.Contains(count) ? Policy.Count(count) : DisclosedValue.Shown(count.Count);

    /// <summary>A rate from the published figures: the public's rules on its base, staff's exact rate (withheld only without a base).</summary>
    public DisclosedRate Rate(DisclosedValue numerator, DisclosedValue denominator, int decimals = 1, decimal per = 100m) =>
        IsPublic ? Policy.Rate(numerator, denominator, decimals, per) : ExactRate.Of(numerator.Value ?? 0, denominator.Value ?? 0, decimals, per);

    /// <summary>A breakdown as this audience may see it.</summary>
    public PublishedBreakdown Publish(Breakdown breakdown) => PublishedBreakdown.Publish(breakdown, this);
}
