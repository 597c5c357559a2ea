using EmploymentDashboard.Data.Statistics;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data.Tables;

/// <summary>Where a table lives: its dashboard, the district or measure code for those pages, and its id.</summary>
public sealed record TableAddress(string Dashboard, string? Code, string Table);

/// <summary>Settings some tables take besides the filter: the map's indicator.</summary>
public sealed record TableOptions(string Indicator = "people_covered")
{
    public static TableOptions Default { get; } = new();
}

/// <summary>
/// Every table of every dashboard by its address, each built alone: a download or an API call costs the
/// query of its table, never every query of its page. Pages build the same tables through the same builders.
/// </summary>
public static class TableCatalog
{
    public static IReadOnlyList<string> Dashboards { get; } = ["overview", "districts", "measures", "quotas", "grants", "context", "map"];

    /// <summary>The dashboards whose tables need a district or measure code in the address.</summary>
    public static bool NeedsCode(string dashboard) => dashboard is "measures";

    /// <summary>The table ids of a dashboard (for the API's description); {code} stands for the district or measure code.</summary>
    public static IReadOnlyList<string> TableIds(string dashboard, string? code) => dashboard switch
    {
        "overview" => [HeadlineTables.Id, DistrictTables.RankedId, OverviewTables.PlacementsId, PlanTables.Id("overview"), .. BreakdownTables.All.Select(d => BreakdownTables.Id("overview", d))],
        "districts" when code is null => [DistrictTables.PerThousandId, DistrictTables.ComparisonId],
        "districts" => [DistrictTables.RankedId, DistrictProfileTables.TrendId(code), DistrictProfileTables.SharesId(code), PlanTables.Id("district-" + code), .. BreakdownTables.All.Where(d => d != Dimension.District).Select(d => BreakdownTables.Id("district-" + code, d))],
        "measures" => [PlanTables.Id("measure-" + code), .. BreakdownTables.All.Where(d => d != Dimension.Measure).Select(d => BreakdownTables.Id("measure-" + code, d))],
        "quotas" => QuotaTables.AggregateIds,
        "grants" => GrantTables.Ids,
        "context" => [ContextTables.ContextId, ContextTables.PopulationId],
        "map" => [MapTables.MapId],
        _ => [],
    };

    /// <summary>
    /// The aggregate table at <paramref name="address"/> for the filter and audience; null when there is no
    /// such table. Record-level tables (the employer list) are not here: their rows leave the app only as
    /// record-level exports (Analyst and Admin, recorded, rate limited).
    /// </summary>
    public static async Task<StatTable?> FindAsync(DashboardDbContext db, TableAddress address, DashboardFilter filter, TableAudience audience, TableOptions options, CancellationToken cancellationToken)
    {
        var id = address.Table.EndsWith("-table", StringComparison.Ordinal) || address.Table == DistrictTables.ComparisonId ? address.Table : address.Table + "-table";
        switch (address.Dashboard)
        {
            case "overview" when address.Code is null:
                if (id == OverviewTables.PlacementsId)
                {
                    return await OverviewTables.GetPlacementsAsync(db, filter, audience, cancellationToken);
                }

                if (id == PlanTables.Id("overview"))
                {
                    return filter.DistrictIds.Count <= 1 && filter.MeasureIds.Count == 0
                        ? await PlanTables.GetAsync(db, filter, audience, "overview", filter.DistrictIds.Count == 1 ? filter.DistrictIds[0] : null, null, cancellationToken)
                        : null;
                }

                if (id == DistrictTables.RankedId)
                {
                    return await DistrictTables.GetRankedAsync(db, filter, audience, cancellationToken);
                }

                if (id == HeadlineTables.Id)
                {
                    var years = await db.GetYearsWithDataAsync(filter.Region.Id, cancellationToken);
                    var headlines = await HeadlineTables.GetAsync(db, filter, audience, years.Contains(filter.Period.From.Year - 1), cancellationToken);
                    return HeadlineTables.Table(headlines, audience, filter.Period.To.Year);
                }

                return BreakdownTables.DimensionOf("overview", id) is { } overviewDimension
                    ? await BreakdownTables.GetAsync(db, filter, audience, "overview", overviewDimension, cancellationToken)
                    : null;

            case "districts" when address.Code is null:
                if (id is not (DistrictTables.PerThousandId or DistrictTables.ComparisonId))
                {
                    return null;
                }

                var comparison = await DistrictTables.GetComparisonAsync(db, filter, audience, cancellationToken);
                return id == DistrictTables.PerThousandId ? DistrictTables.PerThousand(comparison, audience) : DistrictTables.Comparison(comparison, audience);

            case "districts":
                var districtId = await DistrictIdAsync(db, filter, address.Code, cancellationToken);
                if (districtId is not null && id == PlanTables.Id("district-" + address.Code))
                {
                    return filter.MeasureIds.Count == 0
                        ? await PlanTables.GetAsync(db, filter, audience, "district-" + address.Code, districtId, null, cancellationToken)
                        : null;
                }

                if (districtId is not null && id == DistrictTables.RankedId)
                {
                    return await DistrictTables.GetRankedAsync(db, filter, audience, cancellationToken);
                }

                if (districtId is not null && (id == DistrictProfileTables.TrendId(address.Code) || id == DistrictProfileTables.SharesId(address.Code)))
                {
                    var years = await db.GetYearsWithDataAsync(filter.Region.Id, cancellationToken);
                    return id == DistrictProfileTables.TrendId(address.Code)
                        ? await DistrictProfileTables.GetTrendAsync(db, filter, audience, address.Code, districtId.Value, years.Contains(filter.Period.From.Year - 1), cancellationToken)
                        : await DistrictProfileTables.GetSharesAsync(db, filter, audience, address.Code, districtId.Value, cancellationToken);
                }

                return districtId is not null && BreakdownTables.DimensionOf("district-" + address.Code, id) is { } districtDimension and not Dimension.District
                    ? await BreakdownTables.GetAsync(db, filter with { DistrictIds = [districtId.Value] }, audience, "district-" + address.Code, districtDimension, cancellationToken)
                    : null;

            case "measures" when address.Code is not null:
                var measureId = await db.GetMeasureIdAsync(address.Code, cancellationToken);
                if (measureId is not null && id == PlanTables.Id("measure-" + address.Code))
                {
                    return filter.DistrictIds.Count <= 1
                        ? await PlanTables.GetAsync(db, filter, audience, "measure-" + address.Code, filter.DistrictIds.Count == 1 ? filter.DistrictIds[0] : null, address.Code, cancellationToken)
                        : null;
                }

                return measureId is not null && BreakdownTables.DimensionOf("measure-" + address.Code, id) is { } measureDimension and not Dimension.Measure
                    ? await BreakdownTables.GetAsync(db, filter with { MeasureIds = [measureId.Value] }, audience, "measure-" + address.Code, measureDimension, cancellationToken)
                    : null;

            case "quotas" when address.Code is null:
                if (!QuotaTables.AggregateIds.Contains(id))
                {
                    return null;
                }

                var quotas = await QuotaTables.GetQuotasAsync(db, filter, audience, cancellationToken);
                return id switch
                {
                    QuotaTables.UnfilledId => QuotaTables.Unfilled(quotas, audience, filter.DistrictIds.Count == 0),
                    QuotaTables.QuotaId => QuotaTables.Quota(quotas, audience, filter.DistrictIds.Count == 0),
                    QuotaTables.WorkplacesId => QuotaTables.Workplaces(quotas, audience),
                    _ => quotas.Pending.Count == 0 ? null : QuotaTables.Pending(quotas, audience),
                };

            case "grants" when address.Code is null:
                return GrantTables.Ids.Contains(id)
                    ? (await GrantTables.GetAsync(db, filter, audience, cancellationToken)).Single(t => t.Id == id)
                    : null;

            case "context" when address.Code is null:
                return id is ContextTables.ContextId or ContextTables.PopulationId
                    ? (await ContextTables.GetAsync(db, filter, audience, cancellationToken)).SingleOrDefault(t => t.Id == id)
                    : null;

            case "map" when address.Code is null:
                return id == MapTables.MapId ? (await MapTables.GetAsync(db, filter, audience, options.Indicator, cancellationToken)).Table : null;

            default:
                return null;
        }
    }

    /// <summary>The id of a district of the filter's region by its code; null when it has none of that code.</summary>
    public static async Task<int?> DistrictIdAsync(DashboardDbContext db, DashboardFilter filter, string code, CancellationToken cancellationToken) =>
        await db.Districts.AsNoTracking()
            .Where(d => d.RegionId == filter.Region.Id && d.Code == code)
            .Select(d => (int?)d.Id)
            .FirstOrDefaultAsync(cancellationToken);
}
