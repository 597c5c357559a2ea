using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;

namespace EmploymentDashboard.Data.Disclosure;

/// <summary>Grants of one group as an audience may see them: the amounts are shown only where the count is.</summary>
public sealed record PublishedGrantRow(string Code, LocalizedName? Label, DisclosedValue Count, decimal? AmountKzt, decimal? AmountMci);

/// <summary>A list of groups and its total row.</summary>
public sealed record PublishedGrantList(IReadOnlyList<PublishedGrantRow> Rows, PublishedGrantRow Total)
{
    public bool HasSuppressedValues => Total.Count.IsSuppressed || Rows.Any(r => r.Count.IsSuppressed);
}

/// <summary>The grants dashboard as one audience may see it: by district, by business sector and by month.</summary>
public sealed record PublishedGrants(bool IsPublic, int Threshold, PublishedGrantList ByDistrict, PublishedGrantList BySector, PublishedGrantList ByMonth);

/// <summary>Turns <see cref="GrantBreakdowns"/> into what an audience may see.</summary>
public static class GrantPublishing
{
    public static PublishedGrants Exact(GrantBreakdowns grants, int threshold)
    {
        ArgumentNullException.ThrowIfNull(grants);
        PublishedGrantRow Row(GrantRow r) => new(r.Code, r.Label, DisclosedValue.Shown(r.Count), r.AmountKzt, r.AmountMci);
        PublishedGrantList List(IReadOnlyList<GrantRow> rows) => new([.. rows.Select(Row)], Row(grants.Total));
        return new PublishedGrants(false, threshold, List(grants.ByDistrict), List(grants.BySector), List(grants.ByMonth));
    }

    /// <summary>
    /// Each list's counts are protected with its total. A grant is usually the same number of MCI, so an amount
    /// would reveal its count: amounts are shown only next to a shown count. The three lists share one total,
    /// so it is withheld in all of them when any one needs it withheld.
    /// </summary>
    public static PublishedGrants ForPublic(GrantBreakdowns grants, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentNullException.ThrowIfNull(policy);
        var lists = new[] { grants.ByDistrict, grants.BySector, grants.ByMonth };
        var tables = lists.Select(rows => policy.Protect(Column(rows), rowTotals: false, columnTotals: true)).ToList();
        var totals = tables.Select(t => t.ColumnTotal(0)).ToList();
        var totalCount = totals.FirstOrDefault(t => t.IsSuppressed, totals[0]);

        PublishedGrantRow Row(GrantRow r, DisclosedValue count) =>
            new(r.Code, r.Label, count, count.IsSuppressed ? null : r.AmountKzt, count.IsSuppressed ? null : r.AmountMci);
        PublishedGrantList List(int i) => new([.. lists[i].Select((r, row) => Row(r, tables[i].Cell(row, 0)))], Row(grants.Total, totalCount));
        return new PublishedGrants(true, policy.Options.Threshold, List(0), List(1), List(2));
    }

    private static long[,] Column(IReadOnlyList<GrantRow> rows)
    {
        var column = new long[rows.Count, 1];
        for (var i = 0; i < rows.Count; i++)
        {
            column[i, 0] = rows[i].Count;
        }

        return column;
    }
}
