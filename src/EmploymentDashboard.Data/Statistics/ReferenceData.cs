using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data.Statistics;

/// <summary>A district as filters resolve it: its id, code, names, order and the period it existed in.</summary>
public sealed record DistrictReference(int Id, string Code, LocalizedName Name, int SortOrder, DateOnly ValidFrom, DateOnly? ValidTo);

/// <summary>A support measure as filters resolve it.</summary>
public sealed record MeasureReference(int Id, string Code, LocalizedName Name, MeasureKind Kind);

/// <summary>A region with the years it has data for (newest first) and its districts in list order.</summary>
public sealed record RegionReference(RegionSummary Region, IReadOnlyList<int> Years, IReadOnlyList<DistrictReference> Districts);

/// <summary>What every request needs to resolve its filters and mark its pages: the dataset, regions, years, districts and measures.</summary>
public sealed record ReferenceData(DatasetSummary Dataset, IReadOnlyList<RegionReference> Regions, IReadOnlyList<MeasureReference> Measures)
{
    /// <summary>The counts already released exactly (<see cref="ReleasedFigures"/>), shown exact to the public too.</summary>
    public IReadOnlySet<KeyedCount> Released { get; init; } = new HashSet<KeyedCount>();

    public static async Task<ReferenceData> LoadAsync(DashboardDbContext db, DatasetSummary dataset, CancellationToken cancellationToken)
    {
        var regions = await db.GetRegionsAsync(cancellationToken);
        var districts = await db.Districts.AsNoTracking()
            .OrderBy(d => d.SortOrder)
            .Select(d => new { d.RegionId, Reference = new DistrictReference(d.Id, d.Code, d.Name, d.SortOrder, d.ValidFrom, d.ValidTo) })
            .ToListAsync(cancellationToken);
        var measures = await db.SupportMeasures.AsNoTracking()
            .OrderBy(m => m.SortOrder)
            .Select(m => new MeasureReference(m.Id, m.Code, m.Name, m.Kind))
            .ToListAsync(cancellationToken);
        var withYears = new List<RegionReference>();
        foreach (var region in regions)
        {
            withYears.Add(new RegionReference(
                region,
                await db.GetYearsWithDataAsync(region.Id, cancellationToken),
                [.. districts.Where(d => d.RegionId == region.Id).Select(d => d.Reference)]));
        }

        return new ReferenceData(dataset, withYears, measures) { Released = await ReleasedFigures.FindAsync(db, regions, cancellationToken) };
    }
}

/// <summary>
/// Reference data kept in memory between requests. It changes only when data are loaded or imported: a
/// writer in this process calls <see cref="Invalidate"/>; a write by another instance is seen when the
/// dataset's last-update stamp changes, which is read again at most every <see cref="RecheckInterval"/>.
/// </summary>
public sealed class ReferenceDataCache(TimeProvider clock)
{
    /// <summary>How long a read of the dataset's stamp is trusted before it is read again.</summary>
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Entry? _entry;

    /// <summary>Raised after the data changed (an invalidation, or a new stamp seen): caches of answers drop what they hold.</summary>
    public event Action? Changed;

    /// <summary>True when the cached data may be out of date (never loaded, invalidated, or not checked for <see cref="RecheckInterval"/>).</summary>
    public bool NeedsCheck => _entry is not { } entry || clock.GetUtcNow() - entry.CheckedAt >= RecheckInterval;

    /// <summary>Names the data currently cached (the dataset's last-update stamp); answers cached for one version are never served for another.</summary>
    public string Version => _entry?.Data.Dataset.LastUpdated?.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";

    public async Task<ReferenceData> GetAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        var entry = _entry;
        var now = clock.GetUtcNow();
        if (entry is not null && now - entry.CheckedAt < RecheckInterval)
        {
            return entry.Data;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            entry = _entry;
            if (entry is not null && now - entry.CheckedAt < RecheckInterval)
            {
                return entry.Data;
            }

            var dataset = await db.GetSummaryAsync(cancellationToken);
            if (entry is not null && entry.Data.Dataset == dataset)
            {
                _entry = entry with { CheckedAt = now };
                return entry.Data;
            }

            var data = await ReferenceData.LoadAsync(db, dataset, cancellationToken);
            _entry = new Entry(data, now);
            if (entry is not null)
            {
                Changed?.Invoke();
            }

            return data;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Forgets everything at once: the next request reads the database again. Call after every write of data.</summary>
    public void Invalidate()
    {
        _entry = null;
        Changed?.Invoke();
    }

    private sealed record Entry(ReferenceData Data, DateTimeOffset CheckedAt);
}
