using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data.Statistics;

/// <summary>The support measures as pages label them.</summary>
public static class MeasureQueries
{
    public static async Task<IReadOnlyList<MeasureLabel>> GetMeasuresAsync(this DashboardDbContext db, CancellationToken cancellationToken = default) =>
        await db.SupportMeasures.AsNoTracking()
            .OrderBy(m => m.SortOrder)
            .Select(m => new MeasureLabel(m.Code, m.Name, m.Kind))
            .ToListAsync(cancellationToken);
}
