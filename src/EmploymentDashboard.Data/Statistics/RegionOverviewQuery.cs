using EmploymentDashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data.Statistics;

/// <summary>A support measure as tables and charts label it.</summary>
public sealed record MeasureLabel(string Code, LocalizedName Name, MeasureKind Kind);

/// <summary>A district as tables and charts label it.</summary>
public sealed record DistrictLabel(string Code, LocalizedName Name, DistrictKind Kind);

/// <summary>Events of one measure: placements, or grants for the grant measure. Events, not people.</summary>
public sealed record MeasureCount(MeasureLabel Measure, int Events);

/// <summary>Grants issued in the period, their total in tenge and in MCI of each grant's year.</summary>
public sealed record GrantTotals(int Count, decimal AmountKzt, decimal AmountMci);

/// <summary>Employer quotas of the year: in force, pending, and special workplaces created.</summary>
public sealed record QuotaTotals(
    int EmployersWithQuota,
    int PlacesSet,
    int PlacesFilled,
    int SpecialWorkplaces,
    int PendingApplications,
    int PendingPlaces)
{
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

        var measures = await db.SupportMeasures.AsNoTracking()
            .OrderBy(m => m.SortOrder)
            .Select(m => new { m.Id, Label = new MeasureLabel(m.Code, m.Name, m.Kind) })
            .ToListAsync(cancellationToken);
        var districts = await db.DistrictsIn(filter)
            .Select(d => new { d.Id, Label = new DistrictLabel(d.Code, d.Name, d.Kind) })
            .ToListAsync(cancellationToken);

        var placementCells = await filter.Apply(db.PlacementMonthRows())
            .GroupBy(p => new { p.DistrictId, p.MeasureId })
            .Select(g => new { g.Key.DistrictId, g.Key.MeasureId, Count = (int)g.Sum(p => p.Events) })
            .ToListAsync(cancellationToken);
        var grantCells = await filter.Apply(db.GrantMonthRows())
            .GroupBy(g => g.DistrictId)
            .Select(g => new { DistrictId = g.Key, Count = (int)g.Sum(x => x.Grants), AmountKzt = g.Sum(x => x.AmountKzt), AmountMci = g.Sum(x => x.AmountMci) })
            .ToListAsync(cancellationToken);

        // People are counted once however many measures they had (the one definition of people covered).
        var peopleCovered = (int)await db.CountPeopleCoveredAsync(filter, cancellationToken);
        var peopleByDistrict = await filter.ApplyToPeople(db.PersonYears())
            .GroupBy(p => p.DistrictId)
            .Select(g => new { DistrictId = g.Key, Count = (int)g.Select(p => p.ParticipantId).Distinct().LongCount() })
            .ToDictionaryAsync(x => x.DistrictId, x => x.Count, cancellationToken);

        var quotas = await GetQuotaTotalsAsync(db, region.Id, year, cancellationToken);
        var population = (await db.DisabilityPopulations.AsNoTracking()
            .Where(p => p.District!.RegionId == region.Id && p.Year == year)
            .GroupBy(p => p.Year)
            .Select(g => new PopulationContext(g.Sum(p => p.PeopleWithDisabilities), g.Sum(p => p.WorkingAge), g.Sum(p => p.Employed)))
            .ToListAsync(cancellationToken))
            .SingleOrDefault() ?? new PopulationContext(0, 0, 0);

        int EventsOf(int districtId, int measureIndex)
        {
            var measure = measures[measureIndex];
            return measure.Label.Kind == MeasureKind.Grant
                ? grantCells.Where(c => c.DistrictId == districtId).Sum(c => c.Count)
                : placementCells.Where(c => c.DistrictId == districtId && c.MeasureId == measure.Id).Sum(c => c.Count);
        }

        var rows = districts
            .Select(d => new DistrictMeasureRow(
                d.Label,
                peopleByDistrict.GetValueOrDefault(d.Id),
                [.. measures.Select((_, i) => EventsOf(d.Id, i))]))
            .ToList();
        var byMeasure = measures
            .Select(m => new MeasureCount(
                m.Label,
                m.Label.Kind == MeasureKind.Grant ? grantCells.Sum(c => c.Count) : placementCells.Where(c => c.MeasureId == m.Id).Sum(c => c.Count)))
            .ToList();
        var grantTotals = new GrantTotals(grantCells.Sum(c => c.Count), grantCells.Sum(c => c.AmountKzt), grantCells.Sum(c => c.AmountMci));

        return new RegionOverview(region, year, peopleCovered, byMeasure, grantTotals, quotas, population, rows);
    }

    private static async Task<QuotaTotals> GetQuotaTotalsAsync(DashboardDbContext db, int regionId, int year, CancellationToken cancellationToken)
    {
        var quotas = db.EmployerQuotas.AsNoTracking().Where(q => q.Year == year && q.Employer!.District!.RegionId == regionId);
        var byStatus = await quotas
            .GroupBy(q => q.Status)
            .Select(g => new { Status = g.Key, Employers = g.Select(q => q.EmployerId).Distinct().Count(), Set = g.Sum(q => q.PlacesSet), Filled = g.Sum(q => q.PlacesFilled), Rows = g.Count() })
            .ToListAsync(cancellationToken);
        var special = await db.SpecialWorkplaces.AsNoTracking()
            .Where(s => s.Year == year && s.Employer!.District!.RegionId == regionId)
            .SumAsync(s => s.Count, cancellationToken);

        var inForce = byStatus.SingleOrDefault(s => s.Status == QuotaStatus.InForce);
        var pending = byStatus.SingleOrDefault(s => s.Status == QuotaStatus.ApplicationPending);
        return new QuotaTotals(
            inForce?.Employers ?? 0,
            inForce?.Set ?? 0,
            inForce?.Filled ?? 0,
            special,
            pending?.Rows ?? 0,
            pending?.Set ?? 0);
    }
}
