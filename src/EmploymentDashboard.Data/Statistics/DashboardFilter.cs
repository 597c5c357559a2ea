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

    /// <summary>The ages the selected bands allow, for an SQL "age = ANY(...)" test; null when the selection restricts nothing.</summary>
    public static List<int>? Allowed(IReadOnlyList<AgeBand> bands) =>
        bands.Count == 0 || bands.Distinct().Count() == All.Count
            ? null
            : [.. bands.Distinct().SelectMany(b => Enumerable.Range(Range(b).Min, Math.Min(Range(b).Max, 120) - Range(b).Min + 1))];
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

    /// <summary>The same filter one year earlier (for change against the same period of the previous year).</summary>
    public DashboardFilter PreviousYear() => this with { Period = new ReportingPeriod(Period.From.AddYears(-1), Period.To.AddYears(-1)) };

    /// <summary>Restricts events to the filter; every condition becomes SQL.</summary>
    public IQueryable<SupportEvent> Apply(IQueryable<SupportEvent> events)
    {
        var regionId = Region.Id;
        var from = Period.From;
        var to = Period.EndExclusive;
        events = events.Where(e => e.RegionId == regionId && e.Date >= from && e.Date < to);
        if (DistrictIds.Count > 0)
        {
            var ids = DistrictIds.ToList();
            events = events.Where(e => ids.Contains(e.DistrictId));
        }

        if (MeasureIds.Count > 0)
        {
            var ids = MeasureIds.ToList();
            events = events.Where(e => ids.Contains(e.MeasureId));
        }

        if (Groups.Count > 0)
        {
            var groups = Groups.ToList();
            events = events.Where(e => groups.Contains(e.DisabilityGroup));
        }

        if (Sexes.Count > 0)
        {
            var sexes = Sexes.ToList();
            events = events.Where(e => sexes.Contains(e.Sex));
        }

        // Age at the event = year of the event − birth year; the bands become the list of ages they allow.
        if (Ages.Allowed(AgeBands) is { } allowed)
        {
            events = events.Where(e => allowed.Contains(e.Date.Year - e.BirthYear));
        }

        return events;
    }
}

/// <summary>The districts a filter covers.</summary>
public static class FilterDistricts
{
    /// <summary>The districts of the filter's region that existed during its period, restricted to its selection, in list order.</summary>
    public static IQueryable<District> DistrictsIn(this DashboardDbContext db, DashboardFilter filter) =>
        db.Districts.AsNoTracking()
            .Where(d => d.RegionId == filter.Region.Id && d.ValidFrom <= filter.Period.To && (d.ValidTo == null || d.ValidTo >= filter.Period.From))
            .Where(d => filter.DistrictIds.Count == 0 || filter.DistrictIds.Contains(d.Id))
            .OrderBy(d => d.SortOrder);
}
