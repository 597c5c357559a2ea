using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Statistics;

namespace EmploymentDashboard.Data.Tables;

/// <summary>
/// A district's key figures for its profile: people covered and the change on last year, the rate per 1,000
/// against the region's (above, similar, below), the rank and last year's, quota places set, filled and
/// unfilled, and grants. Changes are differences of shown values only.
/// </summary>
public sealed record DistrictKeyFigures(DistrictProfile Now, StatCell PeopleLastYear, StatCell ChangeOnYear, StatCell ChangeOnYearPercent, int? RankLastYear, string? Against)
{
    public StatCell PlacesSet { get; init; } = StatCell.Exact(null);

    public StatCell PlacesFilled { get; init; } = StatCell.Exact(null);

    public StatCell PlacesUnfilled { get; init; } = StatCell.Exact(null);

    public StatCell Fulfilment { get; init; } = StatCell.Exact(null);

    public StatCell Grants { get; init; } = StatCell.Exact(null);

    public StatCell GrantsAmountKzt { get; init; } = StatCell.Exact(null);

    /// <summary>How many places the rank moved since last year (positive: up the ranking); null without both ranks.</summary>
    public int? RankChange => Now.District.Rank is { } now && RankLastYear is { } before ? before - now : null;
}

/// <summary>The district profile's tables: the monthly trend against last year and the region, and each measure's share against the region's.</summary>
public static class DistrictProfileTables
{
    public static string TrendId(string code) => $"district-{code}-trend-table";

    public static string SharesId(string code) => $"district-{code}-shares-table";

    /// <summary>The key figures of a district; null when the region has no such district in the period.</summary>
    public static async Task<DistrictKeyFigures?> GetKeyFiguresAsync(DashboardDbContext db, DashboardFilter filter, TableAudience audience, string code, bool hasPreviousYear, CancellationToken cancellationToken)
    {
        var now = await DistrictTables.GetProfileAsync(db, filter, audience, code, cancellationToken);
        if (now is null)
        {
            return null;
        }

        var before = hasPreviousYear ? await DistrictTables.GetProfileAsync(db, filter.PreviousYear(), audience, code, cancellationToken) : null;
        var people = StatCell.Count(now.District.PeopleCovered);
        var peopleBefore = before is null ? StatCell.Exact(null) : StatCell.Count(before.District.PeopleCovered);
        var districtFilter = filter with { DistrictIds = [now.District.DistrictId] };
        var quotas = await QuotaTables.GetQuotasAsync(db, districtFilter, audience, cancellationToken);
        var quota = quotas.Years.Count == 0 ? null : quotas.Region[^1];
        var grants = await db.GetGrantBreakdownsAsync(districtFilter, cancellationToken);
        var publishedGrants = GrantPublishing.Publish(grants, audience);
        return new DistrictKeyFigures(
            now,
            peopleBefore,
            Difference(people, peopleBefore),
            Percent(people, peopleBefore),
            before?.District.Rank,
            DistrictTables.Against(now.District.PerThousand, now.RegionPerThousand))
        {
            PlacesSet = quota is null ? StatCell.Exact(null) : StatCell.Count(quota.PlacesSet),
            PlacesFilled = quota is null ? StatCell.Exact(null) : StatCell.Count(quota.PlacesFilled),
            PlacesUnfilled = quota is { PlacesSet.Value: { } set, PlacesFilled.Value: { } filled } ? StatCell.Count(DisclosedValue.Shown(Math.Max(0, set - filled))) : StatCell.Exact(null),
            Fulfilment = quota is null ? StatCell.Exact(null) : StatCell.Rate(quota.FulfilmentPercent),
            Grants = StatCell.Count(publishedGrants.ByDistrict.Total.Count),
            GrantsAmountKzt = StatCell.Amount(publishedGrants.ByDistrict.Total.AmountKzt),
        };
    }

    /// <summary>
    /// The district's events per 1,000 people with disabilities by month, the same months a year earlier, and the
    /// region's: rates, so that a small district and the region are compared fairly. From shown values only.
    /// </summary>
    public static async Task<StatTable> GetTrendAsync(DashboardDbContext db, DashboardFilter filter, TableAudience audience, string code, int districtId, bool hasPreviousYear, CancellationToken cancellationToken)
    {
        var coverage = await db.GetDistrictCoverageAsync(filter, cancellationToken);
        var population = coverage.FirstOrDefault(c => c.DistrictId == districtId)?.PeopleWithDisabilities ?? 0;
        var regionPopulation = coverage.Sum(c => c.PeopleWithDisabilities);
        var district = audience.Publish(await db.GetBreakdownAsync(filter with { DistrictIds = [districtId] }, Dimension.Month, cancellationToken));
        var before = hasPreviousYear ? audience.Publish(await db.GetBreakdownAsync(filter.PreviousYear() with { DistrictIds = [districtId] }, Dimension.Month, cancellationToken)) : null;
        var region = audience.Publish(await db.GetBreakdownAsync(filter with { DistrictIds = [] }, Dimension.Month, cancellationToken));
        var lastYear = before?.Rows.ToDictionary(r => r.Code, r => PerThousand(r.Events, population)) ?? [];
        var regionByMonth = region.Rows.ToDictionary(r => r.Code, r => PerThousand(r.Events, regionPopulation));
        var rows = district.Rows
            .Select(r => new StatRow(r.Code, Label.Of(r.Label), [PerThousand(r.Events, population), lastYear.TryGetValue(YearEarlier(r.Code), out var b) ? b : StatCell.Exact(null, 2), regionByMonth.TryGetValue(r.Code, out var g) ? g : StatCell.Exact(null, 2)]))
            .ToList();
        var year = filter.Period.To.Year;
        return new StatTable
        {
            Id = TrendId(code),
            Title = Label.Ui("DistrictProfile.Trend.Title"),
            RowHeader = Label.Ui("Breakdown.Header.Month"),
            RowCode = "month",
            Columns =
            [
                new StatColumn("per_1000", Label.Ui("DistrictProfile.Trend.ThisYear", year), Unit.PerThousand) { Attribute = "series", Definition = "per_1000" },
                new StatColumn("per_1000_last_year", Label.Ui("DistrictProfile.Trend.LastYear", year - 1), Unit.PerThousand) { Attribute = "series", Definition = "per_1000" },
                new StatColumn("region_per_1000", Label.Ui("DistrictProfile.Trend.Region"), Unit.PerThousand) { Attribute = "series", Definition = "per_1000" },
            ],
            Rows = rows,
            IsPublic = audience.IsPublic,
            Threshold = audience.Threshold,
            Chart = new ChartSpec(ChartKind.Line, ["per_1000", "per_1000_last_year", "region_per_1000"]),
            Summary = Label.Ui("DistrictProfile.Trend.Summary"),
            Definition = "per_1000",
        };
    }

    /// <summary>The month a year before a month code ("2025-03" → "2024-03"): a period of several years has each calendar month more than once.</summary>
    private static string YearEarlier(string month) =>
        (int.Parse(month[..4], System.Globalization.CultureInfo.InvariantCulture) - 1).ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + month[4..];

    /// <summary>Events per 1,000 people with disabilities (two decimals), from a shown count; withheld when the count is.</summary>
    private static StatCell PerThousand(DisclosedValue events, long population) =>
        events.Value is { } e ? (population > 0 ? StatCell.Exact(Math.Round(1000m * e / population, 2), 2) : StatCell.Exact(null, 2)) : StatCell.Exact(null, 2);

    /// <summary>Each measure's share of the district's events against its share of the region's, the district's largest first.</summary>
    public static async Task<StatTable> GetSharesAsync(DashboardDbContext db, DashboardFilter filter, TableAudience audience, string code, int districtId, CancellationToken cancellationToken)
    {
        var district = audience.Publish(await db.GetBreakdownAsync(filter with { DistrictIds = [districtId] }, Dimension.Measure, cancellationToken));
        var region = audience.Publish(await db.GetBreakdownAsync(filter with { DistrictIds = [] }, Dimension.Measure, cancellationToken));
        var regionShares = region.Rows.ToDictionary(r => r.Code, r => Share(r.Events, region.TotalEvents));
        var rows = district.Rows
            .Select(r => new StatRow(r.Code, Label.Of(r.Label), [StatCell.Count(r.Events), Share(r.Events, district.TotalEvents), regionShares.TryGetValue(r.Code, out var share) ? share : StatCell.Exact(null)]) { Link = "/Measures/" + r.Code })
            .OrderByDescending(r => r.Cells[1].Value ?? -1)
            .ToList();
        var top = rows.FirstOrDefault(r => r.Cells[1].Value is > 0);
        return new StatTable
        {
            Id = SharesId(code),
            Title = Label.Ui("DistrictProfile.Shares.Title"),
            RowHeader = Label.Ui("Breakdown.Header.Measure"),
            RowCode = "measure",
            RowAttribute = "measure",
            Columns =
            [
                new StatColumn("events", Label.Ui("Series.Events"), Unit.Events) { Definition = "events" },
                new StatColumn("share_percent", Label.Ui("DistrictProfile.Shares.District"), Unit.Percent) { Attribute = "series" },
                new StatColumn("region_share_percent", Label.Ui("DistrictProfile.Shares.Region"), Unit.Percent) { Attribute = "series" },
            ],
            Rows = rows,
            IsPublic = audience.IsPublic,
            Threshold = audience.Threshold,
            Chart = new ChartSpec(ChartKind.HorizontalBar, ["share_percent", "region_share_percent"]),
            Summary = top is null ? Label.Ui("Chart.NoEvents") : Label.Ui("DistrictProfile.Shares.Summary", top.Header, new Figure(top.Cells[1].Value!.Value, 1), new Figure(top.Cells[2].Value ?? 0, 1)),
            Definition = "events",
        };
    }

    /// <summary>A count as a percent of a total, from shown values only (one decimal); withheld when either is.</summary>
    private static StatCell Share(DisclosedValue part, DisclosedValue total) =>
        part.Value is { } p && total.Value is { } t ? (t == 0 ? StatCell.Exact(null) : StatCell.Exact(Math.Round(100m * p / t, 1), 1)) : StatCell.Exact(null, 1);

    private static StatCell Difference(StatCell now, StatCell before) =>
        now.Value is { } a && before.Value is { } b ? StatCell.Exact(a - b) : StatCell.Exact(null);

    private static StatCell Percent(StatCell now, StatCell before) =>
        now.Value is { } a && before.Value is { } b && b != 0 ? StatCell.Exact(Math.Round(100m * (a - b) / b, 1), 1) : StatCell.Exact(null);
}
