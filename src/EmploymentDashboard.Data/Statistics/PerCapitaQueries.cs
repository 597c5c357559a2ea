namespace EmploymentDashboard.Data.Statistics;

/// <summary>A district's people covered beside its people with disabilities, for rates per 1,000 and ranks.</summary>
public sealed record DistrictCoverage(int DistrictId, string Code, Entities.LocalizedName Name, long PeopleCovered, long Events, long PeopleWithDisabilities)
{
    /// <summary>People covered and events with their key sums (ADR 0010).</summary>
    public Disclosure.KeyedCount KeyedPeople { get; init; }

    public Disclosure.KeyedCount KeyedEvents { get; init; }

    /// <summary>People covered per 1,000 people with disabilities; null without a population figure.</summary>
    public decimal? PerThousand => PeopleWithDisabilities == 0 ? null : Math.Round(1000m * PeopleCovered / PeopleWithDisabilities, 1);
}

/// <summary>Coverage per district, so that Karaganda city and Aktogay district can be compared fairly.</summary>
public static class PerCapitaQueries
{
    /// <summary>
    /// Every district of the region (ignoring the filter's district selection, since a rank needs them all):
    /// distinct people and events for the filter, and people with disabilities in the period's last year.
    /// </summary>
    public static Task<IReadOnlyList<DistrictCoverage>> GetDistrictCoverageAsync(this DashboardDbContext db, DashboardFilter filter, CancellationToken cancellationToken = default) =>
        db.RememberAsync($"DistrictCoverage|{filter.Key}", () => ReadDistrictCoverageAsync(db, filter, cancellationToken));

    private static async Task<IReadOnlyList<DistrictCoverage>> ReadDistrictCoverageAsync(DashboardDbContext db, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var all = filter with { DistrictIds = [] };
        var breakdown = await db.GetBreakdownAsync(all, Dimension.District, cancellationToken);
        var year = filter.Period.To.Year;
        var regionDistricts = await db.GetRegionDistrictsAsync(filter.Region.Id, cancellationToken);
        var ids = regionDistricts.ToDictionary(d => d.Code, d => d.Id);
        var population = (await db.GetRegionPopulationAsync(filter.Region.Id, cancellationToken))
            .Where(p => p.Year == year)
            .ToDictionary(p => p.DistrictId, p => p.Figures.PeopleWithDisabilities);
        return [.. breakdown.Rows.Select(r => new DistrictCoverage(ids[r.Code], r.Code, r.Label, r.People, r.Events, population.GetValueOrDefault(ids[r.Code])) { KeyedPeople = r.KeyedPeople, KeyedEvents = r.KeyedEvents })];
    }
}
