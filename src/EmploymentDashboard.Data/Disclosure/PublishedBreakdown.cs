using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;

namespace EmploymentDashboard.Data.Disclosure;

/// <summary>One group of a breakdown as an audience may see it.</summary>
public sealed record PublishedBreakdownRow(string Code, LocalizedName Label, DisclosedValue Events, DisclosedValue People);

/// <summary>
/// A breakdown as an audience may see it. Events add up to <see cref="TotalEvents"/> for staff; people do not
/// (a person can be in several groups), so <see cref="TotalPeople"/> is the distinct count. For the public
/// every cell and each total is perturbed on its own, so nothing need add up exactly.
/// </summary>
public sealed record PublishedBreakdown(Dimension Dimension, IReadOnlyList<PublishedBreakdownRow> Rows, DisclosedValue TotalEvents, DisclosedValue TotalPeople, bool IsPublic)
{
    public bool HasSuppressedValues => TotalEvents.IsSuppressed || TotalPeople.IsSuppressed || Rows.Any(r => r.Events.IsSuppressed || r.People.IsSuppressed);

    /// <summary>Every count through the audience: exact for staff, perturbed by its cell key for the public.</summary>
    public static PublishedBreakdown Publish(Breakdown breakdown, Tables.TableAudience audience)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        ArgumentNullException.ThrowIfNull(audience);
        return new(
            breakdown.Dimension,
            [.. breakdown.Rows.Select(r => new PublishedBreakdownRow(r.Code, r.Label, audience.Count(r.KeyedEvents), audience.Count(r.KeyedPeople)))],
            audience.Count(breakdown.KeyedTotalEvents),
            audience.Count(breakdown.KeyedTotalPeople),
            audience.IsPublic);
    }
}
