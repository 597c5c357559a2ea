using EmploymentDashboard.Data.Disclosure;
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

/// <summary>One group of a breakdown: events, and distinct people among them, each with the key sum of its units (ADR 0010).</summary>
public sealed record BreakdownRow(string Code, LocalizedName Label, long Events, long People, long EventsKeySum = 0, long PeopleKeySum = 0)
{
    public KeyedCount KeyedEvents => new(Events, EventsKeySum);

    public KeyedCount KeyedPeople => new(People, PeopleKeySum);
}

/// <summary>
/// Events and distinct people by one dimension, for a filter. <see cref="TotalPeople"/> is the distinct
/// count over the whole filter, which is not the sum of the rows' people (one person can be in several rows).
/// </summary>
public sealed record Breakdown(Dimension Dimension, IReadOnlyList<BreakdownRow> Rows, long TotalEvents, long TotalPeople, long TotalEventsKeySum = 0, long TotalPeopleKeySum = 0)
{
    public KeyedCount KeyedTotalEvents => new(TotalEvents, TotalEventsKeySum);

    public KeyedCount KeyedTotalPeople => new(TotalPeople, TotalPeopleKeySum);
}

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

/// <summary>
/// Breakdowns of support events, read from the rollups: events from the event months, people from the
/// person-years (count DISTINCT, so exact). Grouping and distinct counts happen in PostgreSQL.
/// </summary>
public static class BreakdownQueries
{
    private static readonly int[] MonthBits = [.. Enumerable.Range(0, 12).Select(m => 1 << m)];

    public static Task<Breakdown> GetBreakdownAsync(this DashboardDbContext db, DashboardFilter filter, Dimension dimension, CancellationToken cancellationToken = default) =>
        db.RememberAsync($"breakdown|{filter.Key}|{dimension}", () => ReadBreakdownAsync(db, filter, dimension, cancellationToken));

    private static async Task<Breakdown> ReadBreakdownAsync(DashboardDbContext db, DashboardFilter filter, Dimension dimension, CancellationToken cancellationToken)
    {
        if (CubeQueries.TryPeriod(filter, out _, out _))
        {
            return await FromCubeAsync(db, filter, dimension, cancellationToken);
        }

        var events = filter.Apply(db.EventMonths());
        var people = filter.ApplyToPeople(db.PersonYears());
        var totalPeople = await db.CountPeopleCoveredAsync(filter, cancellationToken);

        // People are counted, and their record keys summed, once per person in each group: distinct
        // (group, participant, key) first, then grouped (the key is constant per participant).
        var (rows, totalEvents) = dimension switch
        {
            Dimension.District => await ByKeyAsync(
                events.GroupBy(e => e.DistrictId).Select(g => new KeyCount<int>(g.Key, g.Sum(e => e.Events), g.Sum(e => e.KeySum))),
                people.Select(p => new { Key = p.DistrictId, p.ParticipantId, p.RecordKey }).Distinct().GroupBy(p => p.Key).Select(g => new KeyCount<int>(g.Key, g.LongCount(), g.Sum(p => p.RecordKey))),
                (await db.GetDistrictsInAsync(filter, cancellationToken)).Select(d => (d.Id, d.Code, d.Name)),
                cancellationToken),
            Dimension.Measure => await ByKeyAsync(
                events.GroupBy(e => e.MeasureId).Select(g => new KeyCount<int>(g.Key, g.Sum(e => e.Events), g.Sum(e => e.KeySum))),
                people.Select(p => new { Key = p.MeasureId, p.ParticipantId, p.RecordKey }).Distinct().GroupBy(p => p.Key).Select(g => new KeyCount<int>(g.Key, g.LongCount(), g.Sum(p => p.RecordKey))),
                (await MeasuresOfAsync(db, filter, cancellationToken)).Select(m => (m.Id, m.Code, m.Name)),
                cancellationToken),
            Dimension.DisabilityGroup => await ByKeyAsync(
                events.GroupBy(e => e.DisabilityGroup).Select(g => new KeyCount<DisabilityGroup>(g.Key, g.Sum(e => e.Events), g.Sum(e => e.KeySum))),
                people.Select(p => new { Key = p.DisabilityGroup, p.ParticipantId, p.RecordKey }).Distinct().GroupBy(p => p.Key).Select(g => new KeyCount<DisabilityGroup>(g.Key, g.LongCount(), g.Sum(p => p.RecordKey))),
                Enum.GetValues<DisabilityGroup>().Select(g => (g, ((int)g).ToString(System.Globalization.CultureInfo.InvariantCulture), DimensionLabels.Group(g))),
                cancellationToken),
            Dimension.Sex => await ByKeyAsync(
                events.GroupBy(e => e.Sex).Select(g => new KeyCount<Sex>(g.Key, g.Sum(e => e.Events), g.Sum(e => e.KeySum))),
                people.Select(p => new { Key = p.Sex, p.ParticipantId, p.RecordKey }).Distinct().GroupBy(p => p.Key).Select(g => new KeyCount<Sex>(g.Key, g.LongCount(), g.Sum(p => p.RecordKey))),
                Enum.GetValues<Sex>().Select(s => (s, s.ToString().ToLowerInvariant(), DimensionLabels.Sex(s))),
                cancellationToken),
            Dimension.AgeBand => await ByKeyAsync(
                events.GroupBy(e => e.AgeBand).Select(g => new KeyCount<AgeBand>(g.Key, g.Sum(e => e.Events), g.Sum(e => e.KeySum))),
                people.Select(p => new { Key = p.AgeBand, p.ParticipantId, p.RecordKey }).Distinct().GroupBy(p => p.Key).Select(g => new KeyCount<AgeBand>(g.Key, g.LongCount(), g.Sum(p => p.RecordKey))),
                Ages.All.Select(b => (b, Ages.Code(b), DimensionLabels.Age(b))),
                cancellationToken),
            _ => await ByMonthAsync(filter, events, people, cancellationToken),
        };
        return new Breakdown(dimension, rows, totalEvents.Count, totalPeople.Count, totalEvents.KeySum, totalPeople.KeySum);
    }

    private sealed record KeyCount<TKey>(TKey Key, long Count, long KeySum);

    /// <summary>The breakdown from one read of the cube (ADR 0011): its groups and the filter's totals together.</summary>
    private static async Task<Breakdown> FromCubeAsync(DashboardDbContext db, DashboardFilter filter, Dimension dimension, CancellationToken cancellationToken)
    {
        var slice = await db.ReadSliceAsync(filter, byMonth: dimension == Dimension.Month, byDistrict: dimension == Dimension.District, byMeasure: dimension == Dimension.Measure, byAttributes: dimension is Dimension.DisabilityGroup or Dimension.Sex or Dimension.AgeBand, cancellationToken);
        List<BreakdownRow> rows;
        switch (dimension)
        {
            case Dimension.District:
                var districts = slice.ByDistrict();
                rows = [.. (await db.GetDistrictsInAsync(filter, cancellationToken))
                    .Select(d => CubeRow(d.Code, d.Name, districts, d.Id))];
                break;
            case Dimension.Measure:
                var measures = slice.ByMeasure();
                rows = [.. (await MeasuresOfAsync(db, filter, cancellationToken)).Select(m => CubeRow(m.Code, m.Name, measures, m.Id))];
                break;
            case Dimension.DisabilityGroup:
                var groups = slice.By(slice.AtFilter, c => c.Group);
                rows = [.. Enum.GetValues<DisabilityGroup>().Select(g => CubeRow(((int)g).ToString(System.Globalization.CultureInfo.InvariantCulture), DimensionLabels.Group(g), groups, g))];
                break;
            case Dimension.Sex:
                var sexes = slice.By(slice.AtFilter, c => c.Sex);
                rows = [.. Enum.GetValues<Sex>().Select(s => CubeRow(s.ToString().ToLowerInvariant(), DimensionLabels.Sex(s), sexes, s))];
                break;
            case Dimension.AgeBand:
                var bands = slice.By(slice.AtFilter, c => c.AgeBand);
                rows = [.. Ages.All.Select(b => CubeRow(Ages.Code(b), DimensionLabels.Age(b), bands, b))];
                break;
            default:
                var months = slice.ByMonth();
                rows = [];
                for (var month = filter.Period.FirstMonth; month < filter.Period.EndMonthExclusive; month = month.AddMonths(1))
                {
                    rows.Add(CubeRow(month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), DimensionLabels.Month(month.Year, month.Month), months, month));
                }

                break;
        }

        var (events, people) = (slice.TotalEvents, slice.TotalPeople);
        return new Breakdown(dimension, rows, events.Count, people.Count, events.KeySum, people.KeySum);
    }

    private static BreakdownRow CubeRow<TKey>(string code, LocalizedName label, Dictionary<TKey, (KeyedCount Events, KeyedCount People)> counts, TKey key)
        where TKey : notnull
    {
        var (events, people) = counts.GetValueOrDefault(key);
        return Row(code, label, events, people);
    }

    private static async Task<List<SupportMeasure>> MeasuresOfAsync(DashboardDbContext db, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var ids = filter.MeasureIds.ToHashSet();
        return [.. (await db.GetAllMeasuresAsync(cancellationToken)).Where(m => ids.Count == 0 || ids.Contains(m.Id))];
    }

    /// <summary>
    /// Rows in the order of <paramref name="keys"/>, and the total of events over every group the filter
    /// holds (each event is in exactly one group, so the sum is the filter's count of events, and its key sum).
    /// </summary>
    private static async Task<(List<BreakdownRow> Rows, KeyedCount TotalEvents)> ByKeyAsync<TKey>(
        IQueryable<KeyCount<TKey>> events,
        IQueryable<KeyCount<TKey>> people,
        IEnumerable<(TKey Key, string Code, LocalizedName Label)> keys,
        CancellationToken cancellationToken)
        where TKey : notnull
    {
        var eventCounts = await events.ToDictionaryAsync(x => x.Key, x => new KeyedCount(x.Count, x.KeySum), cancellationToken);
        var peopleCounts = await people.ToDictionaryAsync(x => x.Key, x => new KeyedCount(x.Count, x.KeySum), cancellationToken);
        var rows = keys.Select(k => Row(k.Code, k.Label, eventCounts.GetValueOrDefault(k.Key), peopleCounts.GetValueOrDefault(k.Key))).ToList();
        return (rows, KeyedCount.Sum(eventCounts.Values));
    }

    private static BreakdownRow Row(string code, LocalizedName label, KeyedCount events, KeyedCount people) =>
        new(code, label, events.Count, people.Count, events.KeySum, people.KeySum);

    private static async Task<(List<BreakdownRow> Rows, KeyedCount TotalEvents)> ByMonthAsync(DashboardFilter filter, IQueryable<EventMonth> events, IQueryable<PersonYear> people, CancellationToken cancellationToken)
    {
        var eventCounts = await events
            .GroupBy(e => e.Date)
            .Select(g => new { Month = g.Key, Events = g.Sum(e => e.Events), KeySum = g.Sum(e => e.KeySum) })
            .ToDictionaryAsync(x => x.Month, x => new KeyedCount(x.Events, x.KeySum), cancellationToken);

        // One row per person-year and month of its mask, then distinct people per month.
        var bits = MonthBits;
        var peopleCounts = await people
            .SelectMany(p => bits.Where(b => (p.Months & b) != 0), (p, b) => new { p.Year, Bit = b, p.ParticipantId, p.RecordKey })
            .Distinct()
            .GroupBy(x => new { x.Year, x.Bit })
            .Select(g => new { g.Key.Year, g.Key.Bit, People = g.LongCount(), KeySum = g.Sum(x => x.RecordKey) })
            .ToDictionaryAsync(x => (x.Year, x.Bit), x => new KeyedCount(x.People, x.KeySum), cancellationToken);

        var rows = new List<BreakdownRow>();
        for (var month = filter.Period.FirstMonth; month < filter.Period.EndMonthExclusive; month = month.AddMonths(1))
        {
            rows.Add(Row(
                month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                DimensionLabels.Month(month.Year, month.Month),
                eventCounts.GetValueOrDefault(month),
                peopleCounts.GetValueOrDefault((month.Year, 1 << (month.Month - 1)))));
        }

        return (rows, KeyedCount.Sum(eventCounts.Values));
    }
}
