using EmploymentDashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data.Statistics;

/// <summary>
/// One district's figures for the map, at its approximate centre. <see cref="PeopleCovered"/> is distinct
/// people within the district; <see cref="Events"/> and <see cref="Grants"/> are events, never people.
/// </summary>
public sealed record DistrictMapRow(
    DistrictLabel District,
    double Latitude,
    double Longitude,
    long PeopleCovered,
    long Events,
    long QuotaPlacesSet,
    long Grants,
    long PeopleWithDisabilities)
{
    /// <summary>People covered, events and grants with their key sums (ADR 0010).</summary>
    public Disclosure.KeyedCount KeyedPeople { get; init; }

    public Disclosure.KeyedCount KeyedEvents { get; init; }

    public Disclosure.KeyedCount KeyedGrants { get; init; }
}

/// <summary>
/// The map's figures for every district of the filter. <see cref="PopulationYear"/> is the year whose
/// population is the per-capita base: the last year of the period that has population figures.
/// </summary>
public sealed record DistrictMap(IReadOnlyList<DistrictMapRow> Districts, long TotalPeopleCovered, long TotalEvents, int? PopulationYear)
{
    /// <summary>The totals with their key sums (ADR 0010).</summary>
    public Disclosure.KeyedCount KeyedTotalPeople { get; init; }

    public Disclosure.KeyedCount KeyedTotalEvents { get; init; }
}

/// <summary>Per-district figures for the map; every count is aggregated in PostgreSQL.</summary>
public static class DistrictMapQuery
{
    /// <summary>
    /// People covered and events follow the whole filter; grants are the events of the grant measure under
    /// the same filter; quota places set (quotas in force) follow only the period's years and the districts,
    /// as quotas belong to employers, not people.
    /// </summary>
    public static Task<DistrictMap> GetDistrictMapAsync(this DashboardDbContext db, DashboardFilter filter, CancellationToken cancellationToken = default) =>
        db.RememberAsync($"DistrictMap|{filter.Key}", () => ReadDistrictMapAsync(db, filter, cancellationToken));

    private static async Task<DistrictMap> ReadDistrictMapAsync(DashboardDbContext db, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var breakdown = await db.GetBreakdownAsync(filter, Dimension.District, cancellationToken);
        var fromYear = filter.Period.From.Year;
        var toYear = filter.Period.To.Year;

        var districts = (await db.GetDistrictsInAsync(filter, cancellationToken))
            .Select(d => new { d.Id, d.Code, d.Latitude, d.Longitude, Label = new DistrictLabel(d.Code, d.Name, d.Kind) })
            .ToList();
        var ids = districts.Select(d => d.Id).ToList();

        // Grants by district are the grants page's breakdown of the same selection (read once per page); none when the
        // filter's measures leave the business grant out.
        var measures = await db.GetAllMeasuresAsync(cancellationToken);
        var grantsShown = filter.MeasureIds.Count == 0 || measures.Any(m => m.Kind == MeasureKind.Grant && filter.MeasureIds.Contains(m.Id));
        var grantRows = grantsShown ? (await db.GetGrantBreakdownsAsync(filter, cancellationToken)).ByDistrict : [];
        var grants = grantRows.ToDictionary(g => g.Code, g => g.Keyed, StringComparer.Ordinal);

        var idSet = ids.ToHashSet();
        var quotaPlaces = (await db.GetRegionQuotaCellsAsync(filter.Region.Id, cancellationToken)).Quotas
            .Where(c => c.Status == QuotaStatus.InForce && c.Year >= fromYear && c.Year <= toYear && idSet.Contains(c.DistrictId))
            .GroupBy(c => c.DistrictId)
            .ToDictionary(g => g.Key, g => g.Sum(c => c.PlacesSet));

        var populations = (await db.GetRegionPopulationAsync(filter.Region.Id, cancellationToken))
            .Where(p => idSet.Contains(p.DistrictId) && p.Year >= fromYear && p.Year <= toYear)
            .ToList();
        int? populationYear = populations.Count == 0 ? null : populations.Max(p => p.Year);
        var population = populations.Where(p => p.Year == populationYear).ToDictionary(p => p.DistrictId, p => p.Figures.PeopleWithDisabilities);

        var covered = breakdown.Rows.ToDictionary(r => r.Code);
        var rows = districts.Select(d => new DistrictMapRow(
            d.Label,
            d.Latitude,
            d.Longitude,
            covered.GetValueOrDefault(d.Code)?.People ?? 0,
            covered.GetValueOrDefault(d.Code)?.Events ?? 0,
            quotaPlaces.GetValueOrDefault(d.Id),
            grants.GetValueOrDefault(d.Code).Count,
            population.GetValueOrDefault(d.Id))
        {
            KeyedPeople = covered.GetValueOrDefault(d.Code)?.KeyedPeople ?? default,
            KeyedEvents = covered.GetValueOrDefault(d.Code)?.KeyedEvents ?? default,
            KeyedGrants = grants.GetValueOrDefault(d.Code),
        }).ToList();
        return new DistrictMap(rows, breakdown.TotalPeople, breakdown.TotalEvents, populationYear) { KeyedTotalPeople = breakdown.KeyedTotalPeople, KeyedTotalEvents = breakdown.KeyedTotalEvents };
    }
}
