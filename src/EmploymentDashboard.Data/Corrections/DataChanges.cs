using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data.Corrections;

/// <summary>What every write of dashboard data does besides the write itself.</summary>
public static class DataChanges
{
    /// <summary>
    /// Stamps the dataset's last update in the caller's unit of work (saved by its SaveChanges, in its
    /// transaction), so every page shows the new date and other instances drop their cached reference data
    /// and answers within seconds. The writer's own instance calls ReferenceDataCache.Invalidate after the commit.
    /// </summary>
    public static async Task StampLastUpdateAsync(this DashboardDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var info = await db.DatasetInfo.OrderBy(d => d.Id).FirstOrDefaultAsync(cancellationToken);
        if (info is not null)
        {
            info.LastUpdated = now;
        }
    }
}
