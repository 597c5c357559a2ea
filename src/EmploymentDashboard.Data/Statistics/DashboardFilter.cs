using EmploymentDashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data.Statistics;

/// <summary>Age bands of the dashboards: age in the year of the event.</summary>
public enum AgeBand
{
    Under30,
    From30To39,
    From40To49,
    From50To59,
    From60,
}

/// <summary>Bounds and codes of the age bands.</summary>
public static class Ages
{
    public static readonly IReadOnlyList<AgeBand> All = Enum.GetValues<AgeBand>();

    public static (int Min, int Max) Range(AgeBand band) => band switch
    {
        AgeBand.Under30 => (0, 29),
        AgeBand.From30To39 => (30, 39),
        AgeBand.From40To49 => (40, 49),
        AgeBand.From50To59 => (50, 59),
        _ => (60, 200),
    };

    /// <summary>Stable code used in URLs and exports: "under-30", "30-39", …, "60-plus".</summary>
    public static string Code(AgeBand band) => band switch
    {
        AgeBand.Under30 => "under-30",
        AgeBand.From60 => "60-plus",
        _ => $"{Range(band).Min}-{Range(band).Max}",
    };

    public static AgeBand Of(int age) => All.First(b => age <= Range(b).Max);

    /// <summary>
    /// The band of an age, in SQL: the <c>age_band(integer)</c> function that the rollup triggers use too,
    /// so a base event and its rollup row can never disagree. Only callable inside a LINQ query.
    /// </summary>
    public static AgeBand BandOfAge(int age) => throw new InvalidOperationException($"{nameof(BandOfAge)} is translated to SQL; call {nameof(Of)} in memory.");
}

/// <summary>
/// The dimensions a <see cref="DashboardFilter"/> restricts, as every row it filters exposes them: a base
/// event (<see cref="SupportEvent"/>), a placement or a grant record, and the rollup rows.
/// </summary>
public interface IFilterDimensions : IPlaceRow
{
    int MeasureId { get; }

    DisabilityGroup DisabilityGroup { get; }

    Sex Sex { get; }

    AgeBand AgeBand { get; }
}

/// <summary>Where a row's events happened: the region and district (the part of the filter every row type shares).</summary>
public interface IPlaceRow
{
    int RegionId { get; }

    int DistrictId { get; }
}

/// <summary>A row with a place and a month (the month's first day), without a measure or the person's attributes: a coarser rollup.</summary>
public interface IDatedPlaceRow : IPlaceRow
{
    DateOnly Date { get; }
}

/// <summary>A row with a date: one event (its day) or a month of events (the month's first day).</summary>
public interface IDatedRow : IFilterDimensions, IDatedPlaceRow
{
}

/// <summary>A person's events in one year under one district and measure: the months that have any, as a 12-bit mask (bit 0 = January).</summary>
public interface IPersonYearRow : IFilterDimensions
{
    Guid ParticipantId { get; }

    int Year { get; }

    int Months { get; }
}

/// <summary>
/// What a dashboard shows: a region, a period of whole months, and optional selections of districts,
/// measures, disability groups, sexes and age bands (empty means all).
/// </summary>
public sealed record DashboardFilter
{
    public required RegionSummary Region { get; init; }

    public required ReportingPeriod Period { get; init; }

    public IReadOnlyList<int> DistrictIds { get; init; } = [];

    public IReadOnlyList<int> MeasureIds { get; init; } = [];

    public IReadOnlyList<DisabilityGroup> Groups { get; init; } = [];

    public IReadOnlyList<Sex> Sexes { get; init; } = [];

    public IReadOnlyList<AgeBand> AgeBands { get; init; } = [];

    /// <summary>
    /// The filter as text, equal for equal filters whatever the order of their selections: the key under which a
    /// statistic of it is remembered (<see cref="DashboardDbContext.RememberAsync{T}"/>).
    /// </summary>
    public string Key =>
        string.Join(
            '|',
            Region.Id,
            Period.FirstMonth.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            Period.EndMonthExclusive.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            string.Join(',', DistrictIds.Distinct().Order()),
            string.Join(',', MeasureIds.Distinct().Order()),
            string.Join(',', Groups.Distinct().Order()),
            string.Join(',', Sexes.Distinct().Order()),
            string.Join(',', AgeBands.Distinct().Order()));

    /// <summary>The same filter one year earlier (for change against the same period of the previous year).</summary>
    public DashboardFilter PreviousYear() => this with { Period = new ReportingPeriod(Period.From.AddYears(-1), Period.EndMonthExclusive.AddYears(-1).AddDays(-1)) };

    /// <summary>
    /// Restricts dated rows (events, or month rollups) to the filter. Every statistic and every record
    /// export goes through this method or <see cref="ApplyToPeople"/>; every condition becomes SQL.
    /// </summary>
    public IQueryable<T> Apply<T>(IQueryable<T> rows)
        where T : IDatedRow
    {
        var (from, to) = (Period.FirstMonth, Period.EndMonthExclusive);
        return ApplyDimensions(rows.Where(e => e.Date >= from && e.Date < to));
    }

    /// <summary>
    /// Restricts person-year rows to the filter: a person-year counts when it has an event in a month of
    /// the period. Count distinct <see cref="IPersonYearRow.ParticipantId"/> over the result for people.
    /// </summary>
    public IQueryable<T> ApplyToPeople<T>(IQueryable<T> rows)
        where T : IPersonYearRow
    {
        var (fromYear, toYear) = (Period.FirstMonth.Year, Period.EndMonthExclusive.AddMonths(-1).Year);
        var (first, last) = (Period.MonthMask(fromYear), Period.MonthMask(toYear));
        rows = fromYear == toYear
            ? rows.Where(p => p.Year == fromYear && (p.Months & first) != 0)
            : rows.Where(p => p.Year >= fromYear && p.Year <= toYear && (p.Months & (p.Year == fromYear ? first : p.Year == toYear ? last : ReportingPeriod.WholeYearMask)) != 0);
        return ApplyDimensions(rows);
    }

    /// <summary>True when the filter selects groups, sexes or age bands (a narrower set than all of them).</summary>
    public bool HasAttributes => Groups.Count > 0 || Sexes.Count > 0 || (AgeBands.Count > 0 && AgeBands.Distinct().Count() < Ages.All.Count);

    /// <summary>
    /// Restricts rows of a rollup without the person's attributes or a measure to the filter's region, districts and
    /// period: the same conditions as <see cref="Apply{T}"/> for a filter without attributes. Refused for one with them
    /// (such a rollup cannot answer it) and for one with measures.
    /// </summary>
    public IQueryable<T> ApplyPlaceAndPeriod<T>(IQueryable<T> rows)
        where T : IDatedPlaceRow
    {
        if (HasAttributes || MeasureIds.Count > 0)
        {
            throw new InvalidOperationException("A rollup without the person's attributes or a measure cannot answer a filter that selects them.");
        }

        var (from, to) = (Period.FirstMonth, Period.EndMonthExclusive);
        return ApplyPlace(rows.Where(e => e.Date >= from && e.Date < to));
    }

    private IQueryable<T> ApplyPlace<T>(IQueryable<T> rows)
        where T : IPlaceRow
    {
        var regionId = Region.Id;
        rows = rows.Where(e => e.RegionId == regionId);
        if (DistrictIds.Count > 0)
        {
            var ids = DistrictIds.ToList();
            rows = rows.Where(e => ids.Contains(e.DistrictId));
        }

        return rows;
    }

    private IQueryable<T> ApplyDimensions<T>(IQueryable<T> rows)
        where T : IFilterDimensions
    {
        rows = ApplyPlace(rows);
        if (MeasureIds.Count > 0)
        {
            var ids = MeasureIds.ToList();
            rows = rows.Where(e => ids.Contains(e.MeasureId));
        }

        return ApplyAttributes(rows);
    }

    /// <summary>
    /// Restricts rows to the filter's groups, sexes and age bands only: the part of the filter that the statistics
    /// cube (ADR 0011), whose district and measure 0 mean "all", shares with every other row type.
    /// </summary>
    public IQueryable<T> ApplyAttributes<T>(IQueryable<T> rows)
        where T : IFilterDimensions
    {
        if (Groups.Count > 0)
        {
            var groups = Groups.ToList();
            rows = rows.Where(e => groups.Contains(e.DisabilityGroup));
        }

        if (Sexes.Count > 0)
        {
            var sexes = Sexes.ToList();
            rows = rows.Where(e => sexes.Contains(e.Sex));
        }

        if (AgeBands.Count > 0 && AgeBands.Distinct().Count() < Ages.All.Count)
        {
            var bands = AgeBands.Distinct().ToList();
            rows = rows.Where(e => bands.Contains(e.AgeBand));
        }

        return rows;
    }
}

/// <summary>The districts a filter covers.</summary>
public static class FilterDistricts
{
    /// <summary>The districts of the filter's region that existed during its period, restricted to its selection, in list order.</summary>
    public static IQueryable<District> DistrictsIn(this DashboardDbContext db, DashboardFilter filter)
    {
        var (regionId, from, to, ids) = (filter.Region.Id, filter.Period.From, filter.Period.To, filter.DistrictIds.ToList());
        return db.Districts.AsNoTracking()
            .Where(d => d.RegionId == regionId && d.ValidFrom <= to && (d.ValidTo == null || d.ValidTo >= from))
            .Where(d => ids.Count == 0 || ids.Contains(d.Id))
            .OrderBy(d => d.SortOrder);
    }

    /// <summary>
    /// The districts of <see cref="DistrictsIn"/>, in list order. The region's districts are read once per read-only
    /// context (<see cref="DashboardDbContext.RememberAsync{T}"/>) and each filter's period and selection pick from
    /// them with the same conditions as <see cref="DistrictsIn"/>, so a page comparing two periods reads them once.
    /// </summary>
    public static async Task<List<District>> GetDistrictsInAsync(this DashboardDbContext db, DashboardFilter filter, CancellationToken cancellationToken = default)
    {
        var all = await db.GetRegionDistrictsAsync(filter.Region.Id, cancellationToken);
        var (from, to, ids) = (filter.Period.From, filter.Period.To, filter.DistrictIds.ToHashSet());
        return [.. all.Where(d => d.ValidFrom <= to && (d.ValidTo == null || d.ValidTo >= from) && (ids.Count == 0 || ids.Contains(d.Id)))];
    }

    /// <summary>Every district of a region, whatever its period, in list order: read once per read-only context. The list is shared: callers never change it.</summary>
    public static Task<List<District>> GetRegionDistrictsAsync(this DashboardDbContext db, int regionId, CancellationToken cancellationToken = default) =>
        db.RememberAsync(
            $"districts|{regionId}",
            () => db.Districts.AsNoTracking().Where(d => d.RegionId == regionId).OrderBy(d => d.SortOrder).ToListAsync(cancellationToken));
}
