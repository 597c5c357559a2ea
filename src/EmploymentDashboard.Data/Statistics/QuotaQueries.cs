using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Rollups;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data.Statistics;

/// <summary>
/// Quotas in force in one district and year: employers, places set and filled, with the key sum of the
/// filled places (ADR 0010). Employers and places set are administrative decisions, published as they are.
/// </summary>
public sealed record QuotaCell(string DistrictCode, int Year, int Employers, int PlacesSet, int PlacesFilled, long FilledKeySum = 0)
{
    public KeyedCount KeyedPlacesFilled => new(PlacesFilled, FilledKeySum);
}

/// <summary>Special workplaces for one impairment in one year (adapted workplaces, an employer's administrative figure).</summary>
public sealed record SpecialWorkplaceCell(ImpairmentType ImpairmentType, int Year, int Workplaces);

/// <summary>Quota applications still being signed in one district and year, and the places they would add.</summary>
public sealed record PendingQuotaRow(DistrictLabel District, int Year, int Applications, int Places);

/// <summary>
/// The quota dashboard for a filter: the years its period touches (quotas are set per year), the districts
/// of the region it selects, quota cells by district and year, special workplaces and pending applications.
/// </summary>
public sealed record QuotaReport(
    IReadOnlyList<int> Years,
    IReadOnlyList<DistrictLabel> Districts,
    IReadOnlyList<QuotaCell> Cells,
    IReadOnlyList<SpecialWorkplaceCell> SpecialWorkplaces,
    IReadOnlyList<PendingQuotaRow> Pending)
{
    /// <summary>The cell of a district and year; an empty one where no quota was in force.</summary>
    public QuotaCell Cell(string districtCode, int year) =>
        Cells.FirstOrDefault(c => c.DistrictCode == districtCode && c.Year == year) ?? new QuotaCell(districtCode, year, 0, 0, 0);

    public SpecialWorkplaceCell Workplaces(ImpairmentType type, int year) =>
        SpecialWorkplaces.FirstOrDefault(c => c.ImpairmentType == type && c.Year == year) ?? new SpecialWorkplaceCell(type, year, 0);
}

/// <summary>How the staff's employer list is ordered (the query string's sort=).</summary>
public enum EmployerQuotaOrder
{
    /// <summary>Most unfilled places first, then lowest fulfilment: who is furthest behind.</summary>
    Behind,
    Name,
    District,

    /// <summary>Lowest fulfilment first, then most unfilled places.</summary>
    Fulfilment,
}

/// <summary>One employer's quotas in force over the years of the period. Staff only: it names the employer.</summary>
/// <summary>One page of the employer list: its rows, how many employers the whole list has, and the page's number and size.</summary>
public sealed record EmployerQuotaPage(IReadOnlyList<EmployerQuotaRow> Rows, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record EmployerQuotaRow(string Name, string Bin, DistrictLabel District, int Headcount, int PlacesSet, int PlacesFilled)
{
    public int PlacesUnfilled => PlacesSet - PlacesFilled;
}

/// <summary>The quota rollup rows of one region's districts (<see cref="QuotaQueries.GetRegionQuotaCellsAsync"/>).</summary>
public sealed record RegionQuotaCells(IReadOnlyList<QuotaDistrictYear> Quotas, IReadOnlyList<SpecialWorkplaceDistrictYear> Workplaces);

/// <summary>Employer quota statistics: sums of the quota rollups kept by triggers, and the employer list.</summary>
public static class QuotaQueries
{
    /// <summary>The years a period touches: a quota of any of them counts for the period.</summary>
    public static IReadOnlyList<int> QuotaYears(this ReportingPeriod period) =>
        [.. Enumerable.Range(period.From.Year, period.To.Year - period.From.Year + 1)];

    /// <summary>
    /// The quota rollups of a region's districts, every year: read once per read-only context
    /// (<see cref="DashboardDbContext.RememberAsync{T}"/>), so a page that shows a year and compares it with the
    /// year before reads them once. A few hundred rows whatever the number of employers.
    /// </summary>
    public static Task<RegionQuotaCells> GetRegionQuotaCellsAsync(this DashboardDbContext db, int regionId, CancellationToken cancellationToken = default) =>
        db.RememberAsync($"quota-cells|{regionId}", async () =>
        {
            var districts = db.Districts.Where(d => d.RegionId == regionId).Select(d => d.Id);
            var quotas = await db.QuotaCells.AsNoTracking().Where(c => districts.Contains(c.DistrictId)).ToListAsync(cancellationToken);
            var workplaces = await db.SpecialWorkplaceCells.AsNoTracking().Where(s => districts.Contains(s.DistrictId)).ToListAsync(cancellationToken);
            return new RegionQuotaCells(quotas, workplaces);
        });

    public static async Task<QuotaReport> GetQuotaReportAsync(this DashboardDbContext db, DashboardFilter filter, CancellationToken cancellationToken = default)
    {
        var years = filter.Period.QuotaYears();
        var districts = (await db.GetDistrictsInAsync(filter, cancellationToken))
            .Select(d => new { d.Id, Label = new DistrictLabel(d.Code, d.Name, d.Kind) })
            .ToList();
        var districtIds = districts.Select(d => d.Id).ToList();
        var codeOf = districts.ToDictionary(d => d.Id, d => d.Label.Code);

        // From the rollups kept by triggers (quota_cells, special_workplace_cells), read once per page for the whole
        // region (a row per district, year and status or impairment, whatever the number of employers). Employers are
        // the quota rows of the cell, which is count(DISTINCT employer_id) because an employer has one quota of a status
        // in a year (QuotaDistrictYear).
        var region = await db.GetRegionQuotaCellsAsync(filter.Region.Id, cancellationToken);
        var (yearSet, districtSet) = (years.ToHashSet(), districtIds.ToHashSet());
        var quotas = region.Quotas.Where(c => yearSet.Contains(c.Year) && districtSet.Contains(c.DistrictId)).ToList();

        var cells = quotas
            .Where(c => c.Status == QuotaStatus.InForce)
            .Select(c => new { c.DistrictId, c.Year, Employers = (int)c.Quotas, PlacesSet = (int)c.PlacesSet, PlacesFilled = (int)c.PlacesFilled, c.FilledKeySum })
            .ToList();

        var pending = quotas
            .Where(c => c.Status == QuotaStatus.ApplicationPending)
            .Select(c => new { c.DistrictId, c.Year, Applications = (int)c.Quotas, Places = (int)c.PlacesSet })
            .ToList();

        var workplaces = region.Workplaces
            .Where(s => yearSet.Contains(s.Year) && districtSet.Contains(s.DistrictId))
            .GroupBy(s => new { s.ImpairmentType, s.Year })
            .OrderBy(g => g.Key.ImpairmentType).ThenBy(g => g.Key.Year)
            .Select(g => new SpecialWorkplaceCell(g.Key.ImpairmentType, g.Key.Year, (int)g.Sum(s => s.Workplaces)))
            .ToList();

        var labelOf = districts.ToDictionary(d => d.Id, d => d.Label);
        var order = districts.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i);
        return new QuotaReport(
            years,
            [.. districts.Select(d => d.Label)],
            [.. cells.Select(c => new QuotaCell(codeOf[c.DistrictId], c.Year, c.Employers, c.PlacesSet, c.PlacesFilled, c.FilledKeySum))],
            workplaces,
            [.. pending.OrderBy(p => order[p.DistrictId]).ThenBy(p => p.Year).Select(p => new PendingQuotaRow(labelOf[p.DistrictId], p.Year, p.Applications, p.Places))]);
    }

    /// <summary>Each employer with a quota in force in the period's years, summed over those years, in the order asked.</summary>
    public static async Task<IReadOnlyList<EmployerQuotaRow>> GetEmployerQuotasAsync(this DashboardDbContext db, DashboardFilter filter, EmployerQuotaOrder order, CancellationToken cancellationToken = default)
    {
        var (query, _, labels) = await EmployerQuotaQueryAsync(db, filter, order, onlyUnfilled: false, cancellationToken);
        return [.. (await query.ToListAsync(cancellationToken)).Select(r => r.ToRow(labels))];
    }

    /// <summary>
    /// One page of the employer list, ordered and counted in PostgreSQL: only the page's rows leave the
    /// database, so a national list of 300,000 employers costs one page of memory. <paramref name="onlyUnfilled"/>
    /// keeps the employers with unfilled places. A page past the last one comes back empty, with the total.
    /// </summary>
    public static async Task<EmployerQuotaPage> GetEmployerQuotaPageAsync(this DashboardDbContext db, DashboardFilter filter, EmployerQuotaOrder order, bool onlyUnfilled, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var (query, employerIds, labels) = await EmployerQuotaQueryAsync(db, filter, order, onlyUnfilled, cancellationToken);
        var total = await employerIds.CountAsync(cancellationToken);
        var rows = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new EmployerQuotaPage([.. rows.Select(r => r.ToRow(labels))], total, page, pageSize);
    }

    /// <summary>A row of the list as read from employer_quota_years; its district is labelled in memory from the filter's districts.</summary>
    private sealed record EmployerQuotaSum(string Name, string Bin, int Headcount, int DistrictId, int PlacesSet, int PlacesFilled)
    {
        public EmployerQuotaRow ToRow(IReadOnlyDictionary<int, DistrictLabel> labels) => new(Name, Bin, labels[DistrictId], Headcount, PlacesSet, PlacesFilled);
    }

    // The list reads the rollup employer_quota_years (ADR 0007), never the base tables. One year (the usual period) is one
    // index range read in the order asked: the ORDER BY here is the key of one of its indexes, column for column and
    // direction for direction, so PostgreSQL stops after the page; the count is an index-only scan. A period across
    // years groups the employer's rows of those years (one per year), as many rows as employers and years, not quotas.
    // The list's employers (to count) are its rows' employer ids: one row per employer in a year; across years, an
    // employer has unfilled places in the sum exactly when it has them in one of the years (places filled never exceed
    // places set: a check on employer_quotas), so they are counted as distinct ids, with no grouping.
    private static async Task<(IQueryable<EmployerQuotaSum> Query, IQueryable<int> EmployerIds, IReadOnlyDictionary<int, DistrictLabel> Labels)> EmployerQuotaQueryAsync(DashboardDbContext db, DashboardFilter filter, EmployerQuotaOrder order, bool onlyUnfilled, CancellationToken cancellationToken)
    {
        var years = filter.Period.QuotaYears();
        var districts = await db.GetDistrictsInAsync(filter, cancellationToken);
        var labels = districts.ToDictionary(d => d.Id, d => new DistrictLabel(d.Code, d.Name, d.Kind));
        var (regionId, districtIds) = (filter.Region.Id, districts.Select(d => d.Id).ToList());
        var inRegion = db.EmployerQuotaYears.AsNoTracking().Where(e => e.RegionId == regionId && districtIds.Contains(e.DistrictId));
        if (years.Count == 1)
        {
            var year = years[0];
            var employers = inRegion.Where(e => e.Year == year);
            if (onlyUnfilled)
            {
                employers = employers.Where(e => e.Unfilled > 0);
            }

            var ordered = order switch
            {
                EmployerQuotaOrder.Name => employers.OrderBy(e => e.Name).ThenBy(e => e.Bin),
                EmployerQuotaOrder.District => employers.OrderBy(e => e.DistrictOrder).ThenBy(e => e.Name).ThenBy(e => e.Bin),
                EmployerQuotaOrder.Fulfilment => employers.OrderBy(e => e.Fulfilment).ThenByDescending(e => e.Unfilled).ThenBy(e => e.Name).ThenBy(e => e.Bin),
                _ => employers.OrderByDescending(e => e.Unfilled).ThenBy(e => e.Fulfilment).ThenBy(e => e.Name).ThenBy(e => e.Bin),
            };
            return (ordered.Select(e => new EmployerQuotaSum(e.Name, e.Bin, e.Headcount, e.DistrictId, e.PlacesSet, e.PlacesFilled)), employers.Select(e => e.EmployerId), labels);
        }

        var ofYears = inRegion.Where(e => years.Contains(e.Year));
        var employerIds = (onlyUnfilled ? ofYears.Where(e => e.Unfilled > 0) : ofYears).Select(e => e.EmployerId).Distinct();
        var summed = ofYears
            .GroupBy(e => new { e.EmployerId, e.Name, e.Bin, e.Headcount, e.DistrictId, e.DistrictOrder })
            .Select(g => new { Employer = g.Key, PlacesSet = g.Sum(e => e.PlacesSet), PlacesFilled = g.Sum(e => e.PlacesFilled) })
            .Select(e => new { e.Employer, e.PlacesSet, e.PlacesFilled, Unfilled = e.PlacesSet - e.PlacesFilled, Fulfilment = (decimal)e.PlacesFilled / e.PlacesSet });
        if (onlyUnfilled)
        {
            summed = summed.Where(e => e.Unfilled > 0);
        }

        var sorted = order switch
        {
            EmployerQuotaOrder.Name => summed.OrderBy(e => e.Employer.Name).ThenBy(e => e.Employer.Bin),
            EmployerQuotaOrder.District => summed.OrderBy(e => e.Employer.DistrictOrder).ThenBy(e => e.Employer.Name).ThenBy(e => e.Employer.Bin),
            EmployerQuotaOrder.Fulfilment => summed.OrderBy(e => e.Fulfilment).ThenByDescending(e => e.Unfilled).ThenBy(e => e.Employer.Name).ThenBy(e => e.Employer.Bin),
            _ => summed.OrderByDescending(e => e.Unfilled).ThenBy(e => e.Fulfilment).ThenBy(e => e.Employer.Name).ThenBy(e => e.Employer.Bin),
        };
        return (sorted.Select(e => new EmployerQuotaSum(e.Employer.Name, e.Employer.Bin, e.Employer.Headcount, e.Employer.DistrictId, e.PlacesSet, e.PlacesFilled)), employerIds, labels);
    }
}
