using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;

namespace EmploymentDashboard.Data.Disclosure;

/// <summary>Grants of one group as an audience may see them.</summary>
public sealed record PublishedGrantRow(string Code, LocalizedName? Label, DisclosedValue Count, decimal AmountKzt, decimal AmountMci);

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
    /// <summary>Each count through the audience (the total a cell of its own); amounts derived from the published count.</summary>
    public static PublishedGrants Publish(GrantBreakdowns grants, Tables.TableAudience audience)
    {
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentNullException.ThrowIfNull(audience);
        PublishedGrantRow Row(GrantRow r)
        {
            var count = audience.Count(r.Keyed);
            return new(r.Code, r.Label, count, Amount(audience, count, r.Count, r.AmountKzt, 1000m), Amount(audience, count, r.Count, r.AmountMci, 1m));
        }

        var total = Row(grants.Total);
        PublishedGrantList List(IReadOnlyList<GrantRow> rows) => new([.. rows.Select(Row)], total);
        return new PublishedGrants(audience.IsPublic, audience.Threshold, List(grants.ByDistrict), List(grants.BySector), List(grants.ByMonth));
    }

    /// <summary>
    /// An amount as the audience may see it. Staff: the exact sum. Public: the published count times the cell's mean
    /// grant rounded to <paramref name="unit"/> (1,000 KZT, or a whole MCI). A grant is a fixed number of MCI, so
    /// within a year the mean is the same for every cell and the amount says nothing the published count does not.
    /// </summary>
    public static decimal Amount(Tables.TableAudience audience, DisclosedValue publishedCount, long trueCount, decimal trueAmount, decimal unit)
    {
        ArgumentNullException.ThrowIfNull(audience);
        if (!audience.IsPublic)
        {
            return trueAmount;
        }

        if (trueCount == 0 || publishedCount.Value is not { } count)
        {
            return 0;
        }

        var mean = Math.Round(trueAmount / trueCount / unit, MidpointRounding.AwayFromZero) * unit;
        return count * mean;
    }
}
