using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;

namespace EmploymentDashboard.Data.Tables;

/// <summary>A district's row in the comparison: figures for the audience, and its rank by rate among districts with a shown rate.</summary>
public sealed record DistrictRateRow(int DistrictId, string Code, LocalizedName Name, DisclosedValue PeopleCovered, DisclosedValue Events, DisclosedValue PeopleWithDisabilities, DisclosedRate PerThousand, int? Rank);

/// <summary>The districts compared fairly: people covered per 1,000 people with disabilities, ranked.</summary>
public sealed record DistrictComparison(IReadOnlyList<DistrictRateRow> Rows, int Year)
{
    public int RankedDistricts => Rows.Count(r => r.Rank is not null);
}

/// <summary>The region's people covered and its rate per 1,000 people with disabilities: the average districts are compared with.</summary>
public sealed record RegionRate(DisclosedValue People, DisclosedRate PerThousand);

/// <summary>One district's key figures beside the region's, as an audience may see them.</summary>
public sealed record DistrictProfile(DistrictRateRow District, int RankedDistricts, DisclosedValue RegionPeople, DisclosedRate RegionPerThousand);

/// <summary>The tables of the districts pages: the rate per 1,000 (a chart) and the comparison with ranks.</summary>
public static class DistrictTables
{
    public const string PerThousandId = "districts-per-1000-table";

    public const string ComparisonId = "districts-comparison";

    public const string RankedId = "districts-ranked-table";

    /// <summary>A district whose rate is within this share of the region's is "similar" to it, not above or below: ranks that differ by a hair say little.</summary>
    public const decimal SimilarBand = 0.10m;

    public static async Task<DistrictComparison> GetComparisonAsync(DashboardDbContext db, DashboardFilter filter, TableAudience audience, CancellationToken cancellationToken) =>
        Compare(await db.GetDistrictCoverageAsync(filter, cancellationToken), audience, filter.Period.To.Year);

    /// <summary>A district's figures, rank and the region beside it; null when the region has no such district in the period.</summary>
    public static async Task<DistrictProfile?> GetProfileAsync(DashboardDbContext db, DashboardFilter filter, TableAudience audience, string code, CancellationToken cancellationToken)
    {
        var coverage = await db.GetDistrictCoverageAsync(filter, cancellationToken);
        if (coverage.All(c => c.Code != code))
        {
            return null;
        }

        var comparison = Compare(coverage, audience, filter.Period.To.Year);
        var region = await RegionRateAsync(db, filter, audience, coverage, cancellationToken);
        return new DistrictProfile(comparison.Rows.Single(r => r.Code == code), comparison.RankedDistricts, region.People, region.PerThousand);
    }

    /// <summary>The districts ranked by rate with the region beside them (<see cref="Ranked"/>), from one coverage query.</summary>
    public static async Task<StatTable> GetRankedAsync(DashboardDbContext db, DashboardFilter filter, TableAudience audience, CancellationToken cancellationToken)
    {
        var coverage = await db.GetDistrictCoverageAsync(filter, cancellationToken);
        return Ranked(Compare(coverage, audience, filter.Period.To.Year), await RegionRateAsync(db, filter, audience, coverage, cancellationToken), audience);
    }

    private static async Task<RegionRate> RegionRateAsync(DashboardDbContext db, DashboardFilter filter, TableAudience audience, IReadOnlyList<DistrictCoverage> coverage, CancellationToken cancellationToken)
    {
        var region = await db.GetBreakdownAsync(filter with { DistrictIds = [] }, Dimension.Month, cancellationToken);
        var regionPopulation = coverage.Sum(c => c.PeopleWithDisabilities);
        var regionPeople = audience.Count(region.KeyedTotalPeople);

        // Published population figures (not the dashboard's records): as they are, for everyone.
        return new RegionRate(regionPeople, audience.Rate(regionPeople, DisclosedValue.Shown(regionPopulation), decimals: 1, per: 1000m));
    }

    /// <summary>The resource key that says "above", "similar" or "below" the region; null for none.</summary>
    public static string? AgainstKey(string? against) => against switch
    {
        "above" => "Compare.above",
        "similar" => "Compare.similar",
        "below" => "Compare.below",
        _ => null,
    };

    /// <summary>"above", "similar" or "below" the region's rate (within <see cref="SimilarBand"/> of it is similar); null when either rate is withheld.</summary>
    public static string? Against(DisclosedRate district, DisclosedRate region) =>
        district.Value is not { } d || region.Value is not { } r ? null
        : Math.Abs(d - r) <= SimilarBand * r ? "similar"
        : d > r ? "above" : "below";

    /// <summary>
    /// The districts sorted by people covered per 1,000 (highest first, withheld rates last), each said to be
    /// above, similar to or below the region's rate, with the region as the total row.
    /// </summary>
    public static StatTable Ranked(DistrictComparison comparison, RegionRate region, TableAudience audience)
    {
        StatCell Compared(DisclosedRate rate) => AgainstKey(Against(rate, region.PerThousand)) is { } key ? StatCell.Words(Label.Ui(key)) : StatCell.Exact(null);
        var rows = comparison.Rows.OrderBy(r => r.Rank ?? int.MaxValue).ToList();
        return new StatTable
        {
            Id = RankedId,
            Title = Label.Ui("Districts.RankedCaption", comparison.Year),
            RowHeader = Label.Ui("Table.District"),
            RowCode = "district",
            RowAttribute = "district",
            Columns =
            [
                new StatColumn("per_1000", Label.Ui("Districts.PerThousand"), Unit.PerThousand) { Definition = "per_1000" },
                new StatColumn("against_region", Label.Ui("Districts.AgainstRegion"), Unit.Text),
                new StatColumn("people_covered", Label.Ui("Table.PeopleCovered"), Unit.People) { Definition = "people_covered" },
                new StatColumn("rank", Label.Ui("Districts.Rank"), Unit.Rank),
            ],
            Rows =
            [
                .. rows.Select(r => new StatRow(r.Code, Label.Of(r.Name), [StatCell.Rate(r.PerThousand), Compared(r.PerThousand), StatCell.Count(r.PeopleCovered), StatCell.Exact(r.Rank)]) { Link = "/Districts/" + r.Code }),
                new StatRow("total", Label.Ui("Table.RegionTotal"), [StatCell.Rate(region.PerThousand), StatCell.Exact(null), StatCell.Count(region.People), StatCell.Exact(null)]) { IsTotal = true },
            ],
            IsPublic = audience.IsPublic,
            Threshold = audience.Threshold,
            Summary = Label.Ui("Districts.RankedSummary", new Figure((decimal)(SimilarBand * 100))),
            Definition = "per_1000",
        };
    }

    public static DistrictComparison Compare(IReadOnlyList<DistrictCoverage> coverage, TableAudience audience, int year)
    {
        var rows = coverage.Select(c =>
        {
            var people = audience.Count(c.KeyedPeople);
            var events = audience.Count(c.KeyedEvents);

            // Published population figures (not the dashboard's records): as they are, for everyone.
            var population = DisclosedValue.Shown(c.PeopleWithDisabilities);
            var rate = audience.Rate(people, population, decimals: 1, per: 1000m);
            return (c, people, events, population, rate);
        }).ToList();

        // Rank 1 is the highest coverage per 1,000; only shown rates are ranked.
        var ranked = rows.Where(r => r.rate.Value is not null).OrderByDescending(r => r.rate.Value).Select((r, i) => (r.c.Code, Rank: i + 1)).ToDictionary(x => x.Code, x => x.Rank);
        return new DistrictComparison(
            [.. rows.Select(r => new DistrictRateRow(r.c.DistrictId, r.c.Code, r.c.Name, r.people, r.events, r.population, r.rate, ranked.TryGetValue(r.c.Code, out var rank) ? rank : null))],
            year);
    }

    public static StatTable PerThousand(DistrictComparison comparison, TableAudience audience)
    {
        var top = comparison.Rows.FirstOrDefault(r => r.Rank == 1);
        var bottom = comparison.Rows.Where(r => r.Rank is not null).OrderByDescending(r => r.Rank).FirstOrDefault();
        return new StatTable
        {
            Id = PerThousandId,
            Title = Label.Ui("Districts.PerThousandTitle", comparison.Year),
            RowHeader = Label.Ui("Table.District"),
            RowCode = "district",
            Columns = [new StatColumn("per_1000", Label.Ui("Districts.PerThousand"), Unit.PerThousand) { Attribute = "series", Definition = "per_1000" }],
            Rows = [.. comparison.Rows.Select(r => new StatRow(r.Code, Label.Of(r.Name), [StatCell.Rate(r.PerThousand)]) { Link = "/Districts/" + r.Code })],
            IsPublic = audience.IsPublic,
            Threshold = audience.Threshold,
            Chart = new ChartSpec(ChartKind.HorizontalBar, ["per_1000"]),
            Summary = top is null || bottom is null
                ? Label.Ui("Chart.NoEvents")
                : Label.Ui("Districts.RateSummary", Label.Of(top.Name), Rate(top.PerThousand), Label.Of(bottom.Name), Rate(bottom.PerThousand)),
            Definition = "per_1000",
        };
    }

    public static StatTable Comparison(DistrictComparison comparison, TableAudience audience) => new()
    {
        Id = ComparisonId,
        Title = Label.Ui("Districts.ComparisonCaption", comparison.Year),
        RowHeader = Label.Ui("Table.District"),
        RowCode = "district",
        RowAttribute = "district",
        Columns =
        [
            new StatColumn("people_covered", Label.Ui("Table.PeopleCovered"), Unit.People) { Definition = "people_covered" },
            new StatColumn("events", Label.Ui("Table.TotalEvents"), Unit.Events) { Definition = "events" },
            new StatColumn("people_with_disabilities", Label.Ui("Indicator.PeopleWithDisabilities"), Unit.People) { Definition = "people_with_disabilities" },
            new StatColumn("per_1000", Label.Ui("Districts.PerThousand"), Unit.PerThousand) { Definition = "per_1000" },
            new StatColumn("rank", Label.Ui("Districts.Rank"), Unit.Rank),
        ],
        Rows = [.. comparison.Rows.Select(r => new StatRow(r.Code, Label.Of(r.Name), [StatCell.Count(r.PeopleCovered), StatCell.Count(r.Events), StatCell.Count(r.PeopleWithDisabilities), StatCell.Rate(r.PerThousand), StatCell.Exact(r.Rank)]) { Link = "/Districts/" + r.Code })],
        IsPublic = audience.IsPublic,
        Threshold = audience.Threshold,
    };

    private static object Rate(DisclosedRate rate) => rate.Value is { } value ? new Figure(value, rate.Decimals) : DisclosedValue.ConfidentialMarker;
}
