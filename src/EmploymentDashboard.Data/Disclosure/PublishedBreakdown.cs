using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;

namespace EmploymentDashboard.Data.Disclosure;

/// <summary>One group of a breakdown as an audience may see it.</summary>
public sealed record PublishedBreakdownRow(string Code, LocalizedName Label, DisclosedValue Events, DisclosedValue People);

/// <summary>
/// A breakdown as an audience may see it. Events add up to <see cref="TotalEvents"/>; people do not
/// (a person can be in several groups), so <see cref="TotalPeople"/> is the distinct count.
/// </summary>
public sealed record PublishedBreakdown(Dimension Dimension, IReadOnlyList<PublishedBreakdownRow> Rows, DisclosedValue TotalEvents, DisclosedValue TotalPeople, bool IsPublic)
{
    public bool HasSuppressedValues => TotalEvents.IsSuppressed || TotalPeople.IsSuppressed || Rows.Any(r => r.Events.IsSuppressed || r.People.IsSuppressed);

    /// <summary>Staff see every value.</summary>
    public static PublishedBreakdown Exact(Breakdown breakdown) => new(
        breakdown.Dimension,
        [.. breakdown.Rows.Select(r => new PublishedBreakdownRow(r.Code, r.Label, DisclosedValue.Shown(r.Events), DisclosedValue.Shown(r.People)))],
        DisclosedValue.Shown(breakdown.TotalEvents),
        DisclosedValue.Shown(breakdown.TotalPeople),
        IsPublic: false);

    /// <summary>
    /// The public sees each column protected as a list with its total shown: small counts withheld and
    /// complements chosen so that no withheld row can be recovered from the total.
    /// </summary>
    public static PublishedBreakdown ForPublic(Breakdown breakdown, DisclosurePolicy policy)
    {
        var events = policy.Protect(Column(breakdown.Rows.Select(r => r.Events)), rowTotals: false, columnTotals: true);
        var people = policy.Protect(Column(breakdown.Rows.Select(r => r.People)), rowTotals: false, columnTotals: true);
        var totalPeople = policy.Count(breakdown.TotalPeople);
        return new PublishedBreakdown(
            breakdown.Dimension,
            [.. breakdown.Rows.Select((r, i) => new PublishedBreakdownRow(r.Code, r.Label, events.Cell(i, 0), people.Cell(i, 0)))],
            breakdown.Rows.Count == 0 ? policy.Count(breakdown.TotalEvents) : events.ColumnTotal(0),
            totalPeople,
            IsPublic: true);
    }

    private static long[,] Column(IEnumerable<long> values)
    {
        var list = values.ToList();
        var column = new long[list.Count, 1];
        for (var i = 0; i < list.Count; i++)
        {
            column[i, 0] = list[i];
        }

        return column;
    }
}
