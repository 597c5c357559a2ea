using EmploymentDashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data.Statistics;

/// <summary>What a breakdown groups events by.</summary>
public enum Dimension
{
    Month,
    District,
    Measure,
    DisabilityGroup,
    Sex,
    AgeBand,
}

/// <summary>One group of a breakdown: events, and distinct people among them.</summary>
public sealed record BreakdownRow(string Code, LocalizedName Label, long Events, long People);

/// <summary>
/// Events and distinct people by one dimension, for a filter. <see cref="TotalPeople"/> is the distinct
/// count over the whole filter, which is not the sum of the rows' people (one person can be in several rows).
/// </summary>
public sealed record Breakdown(Dimension Dimension, IReadOnlyList<BreakdownRow> Rows, long TotalEvents, long TotalPeople);

/// <summary>Names of the dimension values that are not in the database.</summary>
public static class DimensionLabels
{
    public static LocalizedName Group(DisabilityGroup group) => group switch
    {
        DisabilityGroup.I => new("I группа", "I топ", "Group I"),
        DisabilityGroup.II => new("II группа", "II топ", "Group II"),
        _ => new("III группа", "III топ", "Group III"),
    };

    public static LocalizedName Sex(Sex sex) => sex == Entities.Sex.Female
        ? new("Женщины", "Әйелдер", "Women")
        : new("Мужчины", "Ерлер", "Men");

    public static LocalizedName Age(AgeBand band) => band switch
    {
        AgeBand.Under30 => new("до 30 лет", "30 жасқа дейін", "under 30"),
        AgeBand.From30To39 => new("30–39 лет", "30–39 жас", "30–39"),
        AgeBand.From40To49 => new("40–49 лет", "40–49 жас", "40–49"),
        AgeBand.From50To59 => new("50–59 лет", "50–59 жас", "50–59"),
        _ => new("60 лет и старше", "60 жас және одан асқан", "60 and over"),
    };

    /// <summary>A month as "2025-03" with its name in three languages.</summary>
    public static LocalizedName Month(int year, int month) =>
        new(MonthName(year, month, "ru"), MonthName(year, month, "kk"), MonthName(year, month, "en"));

    private static string MonthName(int year, int month, string culture) =>
        new DateOnly(year, month, 1).ToString("MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo(culture));
}

/// <summary>Breakdowns of support events; grouping and distinct counts happen in PostgreSQL.</summary>
public static class BreakdownQueries
{
    public static async Task<Breakdown> GetBreakdownAsync(this DashboardDbContext db, DashboardFilter filter, Dimension dimension, CancellationToken cancellationToken = default)
    {
        var events = filter.Apply(db.SupportEvents());
        var totals = await events
            .GroupBy(e => 1)
            .Select(g => new { Events = g.LongCount(), People = g.Select(e => e.ParticipantId).Distinct().LongCount() })
            .ToListAsync(cancellationToken);
        var totalEvents = totals.SingleOrDefault()?.Events ?? 0;
        var totalPeople = totals.SingleOrDefault()?.People ?? 0;

        var rows = dimension switch
        {
            Dimension.District => await ByDistrictAsync(db, filter, events, cancellationToken),
            Dimension.Measure => await ByMeasureAsync(db, filter, events, cancellationToken),
            Dimension.DisabilityGroup => await ByKeyAsync(events.GroupBy(e => (int)e.DisabilityGroup), Enum.GetValues<DisabilityGroup>().Select(g => ((int)g, ((int)g).ToString(System.Globalization.CultureInfo.InvariantCulture), DimensionLabels.Group(g))), cancellationToken),
            Dimension.Sex => await ByKeyAsync(events.GroupBy(e => e.Sex), Enum.GetValues<Sex>().Select(s => (s, s.ToString().ToLowerInvariant(), DimensionLabels.Sex(s))), cancellationToken),
            Dimension.AgeBand => await ByKeyAsync(
                events.GroupBy(e => e.Date.Year - e.BirthYear < 30 ? 0 : e.Date.Year - e.BirthYear < 40 ? 1 : e.Date.Year - e.BirthYear < 50 ? 2 : e.Date.Year - e.BirthYear < 60 ? 3 : 4),
                Ages.All.Select(b => ((int)b, Ages.Code(b), DimensionLabels.Age(b))),
                cancellationToken),
            _ => await ByMonthAsync(filter, events, cancellationToken),
        };
        return new Breakdown(dimension, rows, totalEvents, totalPeople);
    }

    private static async Task<List<BreakdownRow>> ByKeyAsync<TKey>(IQueryable<IGrouping<TKey, SupportEvent>> groups, IEnumerable<(TKey Key, string Code, LocalizedName Label)> keys, CancellationToken cancellationToken)
        where TKey : notnull
    {
        var counts = await groups
            .Select(g => new { g.Key, Events = g.LongCount(), People = g.Select(e => e.ParticipantId).Distinct().LongCount() })
            .ToDictionaryAsync(x => x.Key, cancellationToken);
        return [.. keys.Select(k => new BreakdownRow(k.Code, k.Label, counts.GetValueOrDefault(k.Key)?.Events ?? 0, counts.GetValueOrDefault(k.Key)?.People ?? 0))];
    }

    private static async Task<List<BreakdownRow>> ByDistrictAsync(DashboardDbContext db, DashboardFilter filter, IQueryable<SupportEvent> events, CancellationToken cancellationToken)
    {
        var districts = await db.DistrictsIn(filter)
            .Select(d => new { d.Id, d.Code, d.Name })
            .ToListAsync(cancellationToken);
        return await ByKeyAsync(events.GroupBy(e => e.DistrictId), districts.Select(d => (d.Id, d.Code, d.Name)), cancellationToken);
    }

    private static async Task<List<BreakdownRow>> ByMeasureAsync(DashboardDbContext db, DashboardFilter filter, IQueryable<SupportEvent> events, CancellationToken cancellationToken)
    {
        var measures = await db.SupportMeasures.AsNoTracking()
            .Where(m => filter.MeasureIds.Count == 0 || filter.MeasureIds.Contains(m.Id))
            .OrderBy(m => m.SortOrder)
            .Select(m => new { m.Id, m.Code, m.Name })
            .ToListAsync(cancellationToken);
        return await ByKeyAsync(events.GroupBy(e => e.MeasureId), measures.Select(m => (m.Id, m.Code, m.Name)), cancellationToken);
    }

    private static async Task<List<BreakdownRow>> ByMonthAsync(DashboardFilter filter, IQueryable<SupportEvent> events, CancellationToken cancellationToken)
    {
        var counts = await events
            .GroupBy(e => (e.Date.Year * 100) + e.Date.Month)
            .Select(g => new { g.Key, Events = g.LongCount(), People = g.Select(e => e.ParticipantId).Distinct().LongCount() })
            .ToDictionaryAsync(x => x.Key, cancellationToken);
        var rows = new List<BreakdownRow>();
        for (var month = new DateOnly(filter.Period.From.Year, filter.Period.From.Month, 1); month <= filter.Period.To; month = month.AddMonths(1))
        {
            var key = (month.Year * 100) + month.Month;
            rows.Add(new BreakdownRow(
                month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                DimensionLabels.Month(month.Year, month.Month),
                counts.GetValueOrDefault(key)?.Events ?? 0,
                counts.GetValueOrDefault(key)?.People ?? 0));
        }

        return rows;
    }
}
