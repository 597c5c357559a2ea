using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data.Statistics;

/// <summary>A support measure as tables and charts label it.</summary>
public sealed record MeasureLabel(string Code, LocalizedName Name, MeasureKind Kind);

/// <summary>A district as tables and charts label it.</summary>
public sealed record DistrictLabel(string Code, LocalizedName Name, DistrictKind Kind);

/// <summary>Events of one measure: placements, or grants for the grant measure. Events, not people.</summary>
public sealed record MeasureCount(MeasureLabel Measure, int Events, long KeySum = 0)
{
    public KeyedCount Keyed => new(Events, KeySum);
}

/// <summary>Grants issued in the period, their total in tenge and in MCI of each grant's year.</summary>
public sealed record GrantTotals(int Count, decimal AmountKzt, decimal AmountMci, long KeySum = 0)
{
    public KeyedCount Keyed => new(Count, KeySum);
}

/// <summary>Employer quotas of the year: in force, pending, and special workplaces created.</summary>
public sealed record QuotaTotals(
    int EmployersWithQuota,
    int PlacesSet,
    int PlacesFilled,
    int SpecialWorkplaces,
    int PendingApplications,
    int PendingPlaces,
    long PlacesFilledKeySum = 0)
{
    /// <summary>Filled places with the key sum of the places (ADR 0010).</summary>
    public KeyedCount KeyedPlacesFilled => new(PlacesFilled, PlacesFilledKeySum);

    /// <summary>Filled places as a percentage of places set; null when no place was set.</summary>
    public decimal? FulfilmentPercent => PlacesSet == 0 ? null : Math.Round(100m * PlacesFilled / PlacesSet, 1);
}

/// <summary>People with disabilities, of working age, and employed, in the year.</summary>
public sealed record PopulationContext(int PeopleWithDisabilities, int WorkingAge, int Employed)
{
    /// <summary>Employed as a percentage of those of working age; null when there is no working-age figure.</summary>
    public decimal? EmploymentRatePercent => WorkingAge == 0 ? null : Math.Round(100m * Employed / WorkingAge, 1);
}

/// <summary>One district's row of the placements table: distinct people, then events per measure (in the overview's measure order).</summary>
public sealed record DistrictMeasureRow(DistrictLabel District, int PeopleCovered, IReadOnlyList<int> Events)
{
    /// <summary>People covered with their key sum (ADR 0010).</summary>
    public KeyedCount KeyedPeople { get; init; }

    /// <summary>Events per measure with their key sums, in the order of <see cref="Events"/>.</summary>
    public IReadOnlyList<KeyedCount> KeyedEvents { get; init; } = [];

    /// <summary>All events of the district. A count of events, never of people.</summary>
    public int TotalEvents => Events.Sum();
}

/// <summary>The region overview: the indicator cards and the placements-by-district-and-measure table.</summary>
public sealed record RegionOverview(
    RegionSummary Region,
    int Year,
    int PeopleCovered,
    IReadOnlyList<MeasureCount> EventsByMeasure,
    GrantTotals Grants,
    QuotaTotals Quotas,
    PopulationContext Population,
    IReadOnlyList<DistrictMeasureRow> Districts)
{
    public IReadOnlyList<MeasureLabel> Measures => [.. EventsByMeasure.Select(m => m.Measure)];

    /// <summary>People covered with their key sum (ADR 0010).</summary>
    public KeyedCount KeyedPeopleCovered { get; init; }
}

/// <summary>Builds the region overview for one year. Every figure is aggregated in PostgreSQL.</summary>
public static class RegionOverviewQuery
{
    public static Task<RegionOverview> GetRegionOverviewAsync(this DashboardDbContext db, RegionSummary region, int year, CancellationToken cancellationToken = default) =>
        db.GetRegionOverviewAsync(region, ReportingPeriod.ForYear(year), cancellationToken);

    /// <summary>The overview for a period of months; quotas and population context are those of the period's last year.</summary>
    public static async Task<RegionOverview> GetRegionOverviewAsync(this DashboardDbContext db, RegionSummary region, ReportingPeriod period, CancellationToken cancellationToken = default)
    {
        var year = period.To.Year;
        var filter = new DashboardFilter { Region = region, Period = period };

        var measures = (await db.GetAllMeasuresAsync(cancellationToken))
            .Select(m => new { m.Id, Label = new MeasureLabel(m.Code, m.Name, m.Kind) })
            .ToList();
        var districts = (await db.GetDistrictsInAsync(filter, cancellationToken))
            .Select(d => new { d.Id, Label = new DistrictLabel(d.Code, d.Name, d.Kind) })
            .ToList();

        // The grants page's breakdowns of the same filter (read once per page): by district, and the total.
        var grants = await db.GetGrantBreakdownsAsync(filter, cancellationToken);
        var grantsByDistrict = grants.ByDistrict.ToDictionary(g => g.Code, g => g.Keyed, StringComparer.Ordinal);
        var codeOfDistrict = districts.ToDictionary(d => d.Id, d => d.Label.Code);
        var (placementCells, peopleCovered, peopleByDistrict) = CubeQueries.TryPeriod(filter, out _, out _)
            ? await FromCubeAsync(db, filter, cancellationToken)
            : await FromPersonYearsAsync(db, filter, cancellationToken);

        var quotas = await GetQuotaTotalsAsync(db, region.Id, year, cancellationToken);
        var populationOfYear = (await db.GetRegionPopulationAsync(region.Id, cancellationToken)).Where(p => p.Year == year).Select(p => p.Figures).ToList();
        var population = populationOfYear.Count == 0
            ? new PopulationContext(0, 0, 0)
            : new PopulationContext((int)populationOfYear.Sum(p => p.PeopleWithDisabilities), (int)populationOfYear.Sum(p => p.WorkingAge), (int)populationOfYear.Sum(p => p.Employed));

        KeyedCount EventsOf(int? districtId, int measureIndex)
        {
            var measure = measures[measureIndex];
            return measure.Label.Kind == MeasureKind.Grant
                ? districtId is { } id ? grantsByDistrict.GetValueOrDefault(codeOfDistrict[id]) : grants.Total.Keyed
                : KeyedCount.Sum(placementCells.Where(c => (districtId is null || c.DistrictId == districtId) && c.MeasureId == measure.Id).Select(c => new KeyedCount(c.Count, c.KeySum)));
        }

        var rows = districts
            .Select(d =>
            {
                var events = measures.Select((_, i) => EventsOf(d.Id, i)).ToList();
                var people = peopleByDistrict.GetValueOrDefault(d.Id);
                return new DistrictMeasureRow(d.Label, (int)people.Count, [.. events.Select(e => (int)e.Count)]) { KeyedPeople = people, KeyedEvents = events };
            })
            .ToList();
        var byMeasure = measures
            .Select((m, i) => (m, Events: EventsOf(null, i)))
            .Select(x => new MeasureCount(x.m.Label, (int)x.Events.Count, x.Events.KeySum))
            .ToList();
        var grantTotals = new GrantTotals((int)grants.Total.Count, grants.Total.AmountKzt, grants.Total.AmountMci, grants.Total.KeySum);

        return new RegionOverview(region, year, (int)peopleCovered.Count, byMeasure, grantTotals, quotas, population, rows) { KeyedPeopleCovered = peopleCovered };
    }

    private sealed record DistrictMeasureCell(int DistrictId, int MeasureId, int Count, long KeySum);

    /// <summary>Placements per district and measure, people covered, and people per district: one read of the cube (ADR 0011).</summary>
    private static async Task<(List<DistrictMeasureCell> Cells, KeyedCount People, Dictionary<int, KeyedCount> PeopleByDistrict)> FromCubeAsync(DashboardDbContext db, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var slice = await db.ReadSliceAsync(filter, byDistrict: true, byMeasure: true, cancellationToken: cancellationToken);
        var cells = slice.Cells
            .Where(c => c.Months == slice.Mask && c.DistrictId != 0 && c.MeasureId != 0)
            .Select(c => new DistrictMeasureCell(c.DistrictId, c.MeasureId, (int)c.Events.Count, c.Events.KeySum))
            .ToList();
        return (cells, slice.TotalPeople, slice.ByDistrict().ToDictionary(d => d.Key, d => d.Value.People));
    }

    /// <summary>The same from the month cells and the person-years, for a filter the cube does not hold.</summary>
    private static async Task<(List<DistrictMeasureCell> Cells, KeyedCount People, Dictionary<int, KeyedCount> PeopleByDistrict)> FromPersonYearsAsync(DashboardDbContext db, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var cells = await filter.Apply(db.PlacementMonthRows())
            .GroupBy(p => new { p.DistrictId, p.MeasureId })
            .Select(g => new DistrictMeasureCell(g.Key.DistrictId, g.Key.MeasureId, (int)g.Sum(p => p.Events), g.Sum(p => p.KeySum)))
            .ToListAsync(cancellationToken);

        // People are counted once however many measures they had (the one definition of people covered).
        var people = await db.CountPeopleCoveredAsync(filter, cancellationToken);
        var byDistrict = await filter.ApplyToPeople(db.PersonYears())
            .Select(p => new { p.DistrictId, p.ParticipantId, p.RecordKey })
            .Distinct()
            .GroupBy(p => p.DistrictId)
            .Select(g => new { DistrictId = g.Key, Count = g.LongCount(), KeySum = g.Sum(p => p.RecordKey) })
            .ToDictionaryAsync(x => x.DistrictId, x => new KeyedCount(x.Count, x.KeySum), cancellationToken);
        return (cells, people, byDistrict);
    }

    private static async Task<QuotaTotals> GetQuotaTotalsAsync(DashboardDbContext db, int regionId, int year, CancellationToken cancellationToken)
    {
        // From quota_cells: within one year and status, employers with a quota are the sum of the cells' quota rows
        // (QuotaDistrictYear). The region's cells are read once per page (QuotaQueries.GetRegionQuotaCellsAsync).
        var region = await db.GetRegionQuotaCellsAsync(regionId, cancellationToken);
        var byStatus = region.Quotas
            .Where(c => c.Year == year)
            .GroupBy(c => c.Status)
            .Select(g => new { Status = g.Key, Rows = (int)g.Sum(c => c.Quotas), Set = (int)g.Sum(c => c.PlacesSet), Filled = (int)g.Sum(c => c.PlacesFilled), FilledKeySum = g.Sum(c => c.FilledKeySum) })
            .ToList();
        var special = (int)region.Workplaces.Where(s => s.Year == year).Sum(s => s.Workplaces);

        var inForce = byStatus.SingleOrDefault(s => s.Status == QuotaStatus.InForce);
        var pending = byStatus.SingleOrDefault(s => s.Status == QuotaStatus.ApplicationPending);
        return new QuotaTotals(
            inForce?.Rows ?? 0,
            inForce?.Set ?? 0,
            inForce?.Filled ?? 0,
            special,
            pending?.Rows ?? 0,
            pending?.Set ?? 0,
            inForce?.FilledKeySum ?? 0);
    }
}
