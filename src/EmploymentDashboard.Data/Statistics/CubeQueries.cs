using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Rollups;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data.Statistics;

/// <summary>
/// Reads the statistics cube (<see cref="CubeCell"/>, ADR 0011): events and exact distinct people of a filter by
/// one index range of a few hundred rows, whatever the number of placements. A filter the cube does not hold
/// (<see cref="TryPeriod"/> false) is answered from the person-years with count(DISTINCT), as before.
/// </summary>
public static class CubeQueries
{
    /// <summary>The periods of the cube as masks of a year's months: the year, its quarters, its months (the migration's stat_cell_periods).</summary>
    public static readonly IReadOnlyList<int> Periods =
        [ReportingPeriod.WholeYearMask, 0x7, 0x38, 0x1C0, 0xE00, .. Enumerable.Range(0, 12).Select(m => 1 << m)];

    /// <summary>
    /// The year and month mask of the filter when the cube holds it: a year, a quarter or a month of one year, and
    /// at most one district and one measure. Groups, sexes and age bands are always held (a person-year has one of each).
    /// </summary>
    public static bool TryPeriod(DashboardFilter filter, out int year, out int mask)
    {
        year = filter.Period.FirstMonth.Year;
        mask = filter.Period.MonthMask(year);
        return filter.Period.EndMonthExclusive.AddMonths(-1).Year == year
            && Periods.Contains(mask)
            && filter.DistrictIds.Distinct().Count() <= 1
            && filter.MeasureIds.Distinct().Count() <= 1;
    }

    /// <summary>One cell as read: its period, district and measure (0 = all), and the person-year attributes.</summary>
    public sealed record Cell(int Months, int DistrictId, int MeasureId, DisabilityGroup Group, Sex Sex, AgeBand AgeBand, KeyedCount Events, KeyedCount People);

    /// <summary>
    /// The cells of a filter the cube holds: its period (and, with <paramref name="byMonth"/>, each of its months),
    /// its district or every district (and, with <paramref name="byDistrict"/>, each district), its measure or every
    /// measure (and, with <paramref name="byMeasure"/>, each measure), restricted to its groups, sexes and age bands.
    /// Without <paramref name="byAttributes"/> the cells are summed over groups, sexes and age bands in PostgreSQL.
    /// </summary>
    public static Task<CubeSlice> ReadSliceAsync(this DashboardDbContext db, DashboardFilter filter, bool byMonth = false, bool byDistrict = false, bool byMeasure = false, bool byAttributes = false, CancellationToken cancellationToken = default)
    {
        // Districts and measures come together (a few hundred rows for a region): one read serves the overview's
        // district × measure table and the breakdowns by district and by measure.
        var byPlace = byDistrict || byMeasure;
        return db.RememberAsync($"cube|{filter.Key}|{byMonth}|{byPlace}|{byAttributes}", () => ReadAsync(db, filter, byMonth, byPlace, byPlace, byAttributes, cancellationToken));
    }

    private static async Task<CubeSlice> ReadAsync(DashboardDbContext db, DashboardFilter filter, bool byMonth, bool byDistrict, bool byMeasure, bool byAttributes, CancellationToken cancellationToken)
    {
        if (!TryPeriod(filter, out var year, out var mask))
        {
            throw new InvalidOperationException("The cube does not hold this filter; check TryPeriod first.");
        }

        var masks = byMonth ? Periods.Where(p => p == mask || ((p & mask) == p && int.PopCount(p) == 1)).ToList() : [mask];
        var (district, measure) = (filter.DistrictIds.FirstOrDefault(), filter.MeasureIds.FirstOrDefault());
        var regionId = filter.Region.Id;
        var cells = db.StatCells.AsNoTracking().Where(c => c.RegionId == regionId && c.Year == year && masks.Contains(c.Months));
        cells = district != 0 ? cells.Where(c => c.DistrictId == district) : byDistrict ? cells : cells.Where(c => c.DistrictId == 0);
        cells = measure != 0 ? cells.Where(c => c.MeasureId == measure) : byMeasure ? cells : cells.Where(c => c.MeasureId == 0);
        cells = filter.ApplyAttributes(cells);

        List<Cell> read;
        if (byAttributes)
        {
            read = [.. (await cells
                .Select(c => new { c.Months, c.DistrictId, c.MeasureId, c.DisabilityGroup, c.Sex, c.AgeBand, c.Events, c.EventsKeySum, c.People, c.PeopleKeySum })
                .ToListAsync(cancellationToken))
                .Select(r => new Cell(r.Months, r.DistrictId, r.MeasureId, r.DisabilityGroup, r.Sex, r.AgeBand, new KeyedCount(r.Events, r.EventsKeySum), new KeyedCount(r.People, r.PeopleKeySum)))];
        }
        else
        {
            // Cells of one period, district and measure differ only in group, sex and age band: people add up over them.
            read = [.. (await cells
                .GroupBy(c => new { c.Months, c.DistrictId, c.MeasureId })
                .Select(g => new { g.Key.Months, g.Key.DistrictId, g.Key.MeasureId, Events = g.Sum(c => c.Events), EventsKeySum = g.Sum(c => c.EventsKeySum), People = g.Sum(c => c.People), PeopleKeySum = g.Sum(c => c.PeopleKeySum) })
                .ToListAsync(cancellationToken))
                .Select(r => new Cell(r.Months, r.DistrictId, r.MeasureId, default, default, default, new KeyedCount(r.Events, r.EventsKeySum), new KeyedCount(r.People, r.PeopleKeySum)))];
        }

        return new CubeSlice(year, mask, district, measure, read);
    }
}

/// <summary>
/// Cells of one filter read from the cube. Events add up over any cells; people add up only over cells of
/// different groups, sexes and age bands with the same period, district and measure (each person-year has one of each).
/// </summary>
public sealed record CubeSlice(int Year, int Mask, int DistrictId, int MeasureId, IReadOnlyList<CubeQueries.Cell> Cells)
{
    /// <summary>Cells at the filter's own level: its period, district (or all) and measure (or all).</summary>
    public IEnumerable<CubeQueries.Cell> AtFilter => Cells.Where(c => c.Months == Mask && c.DistrictId == DistrictId && c.MeasureId == MeasureId);

    public KeyedCount TotalEvents => KeyedCount.Sum(AtFilter.Select(c => c.Events));

    public KeyedCount TotalPeople => KeyedCount.Sum(AtFilter.Select(c => c.People));

    /// <summary>Events and people per key of the cells selected: each key's cells differ only in group, sex or age band, so both add up.</summary>
    public Dictionary<TKey, (KeyedCount Events, KeyedCount People)> By<TKey>(IEnumerable<CubeQueries.Cell> cells, Func<CubeQueries.Cell, TKey> key)
        where TKey : notnull =>
        cells.GroupBy(key).ToDictionary(g => g.Key, g => (KeyedCount.Sum(g.Select(c => c.Events)), KeyedCount.Sum(g.Select(c => c.People))));

    /// <summary>Per district of the region (district ≠ 0) at the filter's period and measure.</summary>
    public Dictionary<int, (KeyedCount Events, KeyedCount People)> ByDistrict() =>
        By(Cells.Where(c => c.Months == Mask && c.MeasureId == MeasureId && c.DistrictId != 0), c => c.DistrictId);

    /// <summary>Per measure (measure ≠ 0) at the filter's period and district.</summary>
    public Dictionary<int, (KeyedCount Events, KeyedCount People)> ByMeasure() =>
        By(Cells.Where(c => c.Months == Mask && c.DistrictId == DistrictId && c.MeasureId != 0), c => c.MeasureId);

    /// <summary>Per month of the period, keyed by the month's first day.</summary>
    public Dictionary<DateOnly, (KeyedCount Events, KeyedCount People)> ByMonth() =>
        By(Cells.Where(c => int.PopCount(c.Months) == 1 && c.DistrictId == DistrictId && c.MeasureId == MeasureId), c => new DateOnly(Year, 1 + int.TrailingZeroCount(c.Months), 1));
}
