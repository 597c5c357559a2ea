using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data.Statistics;

/// <summary>People with disabilities, of working age, and employed: one district (or the region) in one year.</summary>
public sealed record PopulationFigures(long PeopleWithDisabilities, long WorkingAge, long Employed)
{
    public static PopulationFigures None { get; } = new(0, 0, 0);

    /// <summary>Employed as a percentage of those of working age, to one decimal; null without a working-age figure.</summary>
    public decimal? EmploymentRatePercent => WorkingAge == 0 ? null : Math.Round(100m * Employed / WorkingAge, 1);
}

/// <summary>One district's population figures, one per year of <see cref="PopulationByDistrict.Years"/>.</summary>
public sealed record DistrictPopulationRow(DistrictLabel District, IReadOnlyList<PopulationFigures> ByYear);

/// <summary>
/// The employment context by district and year. <see cref="Totals"/> holds, per year, the sum over the
/// districts listed (the region, or the districts selected).
/// </summary>
public sealed record PopulationByDistrict(IReadOnlyList<int> Years, IReadOnlyList<DistrictPopulationRow> Districts, IReadOnlyList<PopulationFigures> Totals);

/// <summary>Population context queries. Figures are yearly, so a period covers every year it touches.</summary>
public static class PopulationQueries
{
    /// <summary>
    /// Figures by district and year for the filter's region, districts and the years its period touches
    /// that have population figures. Measure, group, sex and age filters do not apply: the figures are
    /// published without those breakdowns.
    /// </summary>
    public static Task<PopulationByDistrict> GetPopulationByDistrictAsync(this DashboardDbContext db, DashboardFilter filter, CancellationToken cancellationToken = default) =>
        db.RememberAsync($"PopulationByDistrict|{filter.Key}", () => ReadPopulationByDistrictAsync(db, filter, cancellationToken));

    private static async Task<PopulationByDistrict> ReadPopulationByDistrictAsync(DashboardDbContext db, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var fromYear = filter.Period.From.Year;
        var toYear = filter.Period.To.Year;
        var districts = (await db.GetDistrictsInAsync(filter, cancellationToken))
            .Select(d => new { d.Id, Label = new DistrictLabel(d.Code, d.Name, d.Kind) })
            .ToList();
        var ids = districts.Select(d => d.Id).ToHashSet();

        var cells = (await db.GetRegionPopulationAsync(filter.Region.Id, cancellationToken))
            .Where(c => ids.Contains(c.DistrictId) && c.Year >= fromYear && c.Year <= toYear)
            .ToList();

        var years = cells.Select(c => c.Year).Distinct().Order().ToList();
        PopulationFigures Cell(int districtId, int year) =>
            cells.Where(c => c.DistrictId == districtId && c.Year == year).Select(c => c.Figures).SingleOrDefault()
            ?? PopulationFigures.None;

        var rows = districts.Select(d => new DistrictPopulationRow(d.Label, [.. years.Select(y => Cell(d.Id, y))])).ToList();
        var totals = years.Select((_, i) => new PopulationFigures(
            rows.Sum(r => r.ByYear[i].PeopleWithDisabilities),
            rows.Sum(r => r.ByYear[i].WorkingAge),
            rows.Sum(r => r.ByYear[i].Employed))).ToList();
        return new PopulationByDistrict(years, rows, totals);
    }

    /// <summary>
    /// The population figures of every district of a region and every year, summed per district and year: read once per
    /// read-only context (<see cref="DashboardDbContext.RememberAsync{T}"/>), and every population statistic picks from them.
    /// </summary>
    public static Task<List<DistrictPopulationYear>> GetRegionPopulationAsync(this DashboardDbContext db, int regionId, CancellationToken cancellationToken = default) =>
        db.RememberAsync($"population|{regionId}", () => db.DisabilityPopulations.AsNoTracking()
            .Where(p => p.District!.RegionId == regionId)
            .GroupBy(p => new { p.DistrictId, p.Year })
            .Select(g => new DistrictPopulationYear(
                g.Key.DistrictId,
                g.Key.Year,
                new PopulationFigures(g.Sum(p => (long)p.PeopleWithDisabilities), g.Sum(p => (long)p.WorkingAge), g.Sum(p => (long)p.Employed))))
            .ToListAsync(cancellationToken));
}

/// <summary>One district's population figures in one year.</summary>
public sealed record DistrictPopulationYear(int DistrictId, int Year, PopulationFigures Figures);
