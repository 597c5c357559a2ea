using EmploymentDashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data.Statistics;

/// <summary>The support measures as pages label them.</summary>
public static class MeasureQueries
{
    public static async Task<IReadOnlyList<MeasureLabel>> GetMeasuresAsync(this DashboardDbContext db, CancellationToken cancellationToken = default) =>
        [.. (await db.GetAllMeasuresAsync(cancellationToken)).Select(m => new MeasureLabel(m.Code, m.Name, m.Kind))];

    /// <summary>
    /// Every support measure in list order, read once per read-only context (<see cref="DashboardDbContext.RememberAsync{T}"/>):
    /// the one read of the measures that statistics share. The list is shared: callers never change it.
    /// </summary>
    public static Task<List<SupportMeasure>> GetAllMeasuresAsync(this DashboardDbContext db, CancellationToken cancellationToken = default) =>
        db.RememberAsync("measures", () => db.SupportMeasures.AsNoTracking().OrderBy(m => m.SortOrder).ToListAsync(cancellationToken));

    /// <summary>The id of the measure with this stable code, or null when there is none.</summary>
    public static async Task<int?> GetMeasureIdAsync(this DashboardDbContext db, string code, CancellationToken cancellationToken = default) =>
        (await db.GetAllMeasuresAsync(cancellationToken)).SingleOrDefault(m => m.Code == code)?.Id;
}
