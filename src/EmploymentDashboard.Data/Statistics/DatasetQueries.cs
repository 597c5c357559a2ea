using EmploymentDashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data.Statistics;

/// <summary>What the database holds, as every page shows it: demo or not, last update, regions and years.</summary>
public sealed record DatasetSummary(bool IsDemo, string Description, int? ReportingYear, DateTimeOffset? LastUpdated);

/// <summary>A region as pages list it.</summary>
public sealed record RegionSummary(int Id, string Code, LocalizedName Name);

/// <summary>Queries about the data set as a whole.</summary>
public static class DatasetQueries
{
    /// <summary>The dataset record; an empty database reads as "not demo, never updated".</summary>
    public static async Task<DatasetSummary> GetSummaryAsync(this DashboardDbContext db, CancellationToken cancellationToken = default) =>
        await db.DatasetInfo.AsNoTracking()
            .OrderBy(d => d.Id)
            .Select(d => new DatasetSummary(d.IsDemo, d.Description, d.ReportingYear, d.LastUpdated))
            .FirstOrDefaultAsync(cancellationToken)
        ?? new DatasetSummary(false, string.Empty, null, null);

    public static async Task<IReadOnlyList<RegionSummary>> GetRegionsAsync(this DashboardDbContext db, CancellationToken cancellationToken = default) =>
        await db.Regions.AsNoTracking()
            .OrderBy(r => r.Id)
            .Select(r => new RegionSummary(r.Id, r.Code, r.Name))
            .ToListAsync(cancellationToken);

    /// <summary>Years for which the region has any placement, grant, quota or population figure, newest first.</summary>
    public static async Task<IReadOnlyList<int>> GetYearsWithDataAsync(this DashboardDbContext db, int regionId, CancellationToken cancellationToken = default)
    {
        var years = await db.PlacementMonths.Where(c => c.RegionId == regionId).Select(c => c.Month.Year)
            .Union(db.GrantMonths.Where(c => c.RegionId == regionId).Select(c => c.Month.Year))
            .Union(db.QuotaCells.Where(c => db.Districts.Any(d => d.Id == c.DistrictId && d.RegionId == regionId)).Select(c => c.Year))
            .Union(db.DisabilityPopulations.Where(p => p.District!.RegionId == regionId).Select(p => p.Year))
            .ToListAsync(cancellationToken);
        return [.. years.OrderDescending()];
    }
}
