using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data.Statistics;

/// <summary>
/// Grants of one group (a district, a business sector or a month): how many, their total in tenge, and in
/// MCI of each grant's own year (each amount divided by its year's MCI, then summed).
/// </summary>
public sealed record GrantRow(string Code, LocalizedName? Label, long Count, decimal AmountKzt, decimal AmountMci, long KeySum = 0)
{
    /// <summary>The count with the key sum of its grants (ADR 0010).</summary>
    public KeyedCount Keyed => new(Count, KeySum);
}

/// <summary>Grants of a filter by district, by business sector and by month, with the totals over the filter.</summary>
public sealed record GrantBreakdowns(IReadOnlyList<GrantRow> ByDistrict, IReadOnlyList<GrantRow> BySector, IReadOnlyList<GrantRow> ByMonth, GrantRow Total);

/// <summary>Business grant statistics; grouping and sums happen in PostgreSQL.</summary>
public static class GrantQueries
{
    /// <summary>Stable code of a sector, as URLs, tables and the resource keys ("Sector.Agriculture") use it.</summary>
    public static string Code(this BusinessSector sector) => sector.ToString().ToLowerInvariant();

    /// <summary>
    /// Grants in the filter's region, period and districts, to people of the selected groups, sexes and age
    /// bands. The measure filter does not apply: this page is about one measure, the business grant.
    /// </summary>
    public static Task<GrantBreakdowns> GetGrantBreakdownsAsync(this DashboardDbContext db, DashboardFilter filter, CancellationToken cancellationToken = default) =>
        db.RememberAsync($"GrantBreakdowns|{filter.Key}", () => ReadGrantBreakdownsAsync(db, filter, cancellationToken));

    private static async Task<GrantBreakdowns> ReadGrantBreakdownsAsync(DashboardDbContext db, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var grants = filter with { MeasureIds = [] };
        var districts = (await db.GetDistrictsInAsync(filter, cancellationToken)).Select(d => new { d.Id, d.Code, d.Name }).ToList();

        // One read of a rollup: a row per month, district and sector (at most months × districts × 6), summed here
        // three ways. Every grant is in exactly one cell, so each breakdown adds up to the same total. Without groups,
        // sexes or age bands the coarser rollup holds those rows as they are; otherwise grant_months is grouped, in the
        // order of its key (region, month, district, sector, …), so PostgreSQL aggregates as it reads.
        var cells = grants.HasAttributes
            ? await grants.Apply(db.GrantMonthRows())
                .GroupBy(g => new { g.Date, g.DistrictId, g.Sector })
                .Select(g => new GrantCell(g.Key.DistrictId, g.Key.Sector, g.Key.Date, g.Sum(x => x.Grants), g.Sum(x => x.AmountKzt), g.Sum(x => x.AmountMci), g.Sum(x => x.KeySum)))
                .ToListAsync(cancellationToken)
            : await grants.ApplyPlaceAndPeriod(db.GrantSectorMonthRows())
                .Select(g => new GrantCell(g.DistrictId, g.Sector, g.Date, g.Grants, g.AmountKzt, g.AmountMci, g.KeySum))
                .ToListAsync(cancellationToken);
        var byDistrict = Sum(cells, c => c.DistrictId);
        var bySector = Sum(cells, c => c.Sector);
        var byMonth = Sum(cells, c => c.Month);

        var months = new List<GrantRow>();
        for (var month = filter.Period.FirstMonth; month < filter.Period.EndMonthExclusive; month = month.AddMonths(1))
        {
            var row = byMonth.GetValueOrDefault(month);
            months.Add(new GrantRow(month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), DimensionLabels.Month(month.Year, month.Month), row?.Count ?? 0, row?.Kzt ?? 0, row?.Mci ?? 0, row?.KeySum ?? 0));
        }

        var districtRows = districts.Select(d => byDistrict.GetValueOrDefault(d.Id) is { } row
            ? new GrantRow(d.Code, d.Name, row.Count, row.Kzt, row.Mci, row.KeySum)
            : new GrantRow(d.Code, d.Name, 0, 0, 0)).ToList();
        var sectorRows = Enum.GetValues<BusinessSector>().Select(s => bySector.GetValueOrDefault(s) is { } row
            ? new GrantRow(s.Code(), null, row.Count, row.Kzt, row.Mci, row.KeySum)
            : new GrantRow(s.Code(), null, 0, 0, 0)).ToList();

        // Every grant falls in one district, one sector and one month of the period, so each list adds up to the total.
        var total = new GrantRow("total", null, sectorRows.Sum(r => r.Count), sectorRows.Sum(r => r.AmountKzt), sectorRows.Sum(r => r.AmountMci), sectorRows.Sum(r => r.KeySum));
        return new GrantBreakdowns(districtRows, sectorRows, months, total);
    }

    private static Dictionary<TKey, GrantSum> Sum<TKey>(List<GrantCell> cells, Func<GrantCell, TKey> key)
        where TKey : notnull =>
        cells.GroupBy(key).ToDictionary(g => g.Key, g => new GrantSum(g.Sum(c => c.Count), g.Sum(c => c.Kzt), g.Sum(c => c.Mci), g.Sum(c => c.KeySum)));

    private sealed record GrantCell(int DistrictId, BusinessSector Sector, DateOnly Month, long Count, decimal Kzt, decimal Mci, long KeySum);

    private sealed record GrantSum(long Count, decimal Kzt, decimal Mci, long KeySum);
}
