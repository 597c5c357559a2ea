using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages.Districts;

/// <summary>
/// All districts and cities side by side: people covered, events, and people covered per 1,000 people
/// with disabilities with its rank, so large and small districts compare fairly. Public (aggregates).
/// </summary>
public sealed class IndexModel(DashboardDbContext db, DisclosurePolicy disclosure, IStringLocalizer<SharedResource> localizer)
    : FilteredPageModel(db, disclosure, localizer)
{
    public IReadOnlyList<DistrictRateRow> Rows { get; private set; } = [];

    public ChartTable? Chart { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await ResolveFiltersAsync(cancellationToken))
        {
            return;
        }

        var coverage = await Db.GetDistrictCoverageAsync(Filter, cancellationToken);
        Rows = DistrictRates.Publish(coverage, IsPublic, Disclosure);
        Chart = new ChartTable
        {
            Id = "districts-per-1000",
            Title = Localizer["Districts.PerThousandTitle", Filter.Period.To.Year],
            Kind = "hbar",
            CategoryHeader = Localizer["Table.District"],
            Categories = [.. Rows.Select(r => new ChartCategory(r.Code, r.Name.For(Culture), FilterQuery.Link(Request, $"/Districts/{r.Code}", ("district", (string?)null))))],
            Series = [new ChartSeries("per_1000", Localizer["Districts.PerThousand"], [.. Rows.Select(r => RateAsValue(r.PerThousand))]) { IsRate = true }],
            Summary = DistrictRates.Summary(Rows, Localizer, Culture),
            Definition = "per_1000",
            Threshold = Threshold,
        };
    }

    /// <summary>Charts take whole numbers; the rate per 1,000 is shown rounded in the chart and exactly in the table below.</summary>
    private static DisclosedValue RateAsValue(DisclosedRate rate) =>
        rate.Value is { } value ? DisclosedValue.Shown((long)Math.Round(value)) : DisclosedValue.Suppressed(rate.Reason == SuppressionReason.SmallCount ? SuppressionReason.SmallCount : SuppressionReason.Complementary);
}

/// <summary>A district's row in the comparison: figures for the audience, and its rank by rate among districts with a shown rate.</summary>
public sealed record DistrictRateRow(string Code, Data.Entities.LocalizedName Name, DisclosedValue PeopleCovered, DisclosedValue Events, DisclosedValue PeopleWithDisabilities, DisclosedRate PerThousand, int? Rank);

/// <summary>Publishing district coverage and ranking it.</summary>
public static class DistrictRates
{
    public static IReadOnlyList<DistrictRateRow> Publish(IReadOnlyList<DistrictCoverage> coverage, bool isPublic, DisclosurePolicy policy)
    {
        var rows = coverage.Select(c =>
        {
            var people = isPublic ? policy.Count(c.PeopleCovered) : DisclosedValue.Shown(c.PeopleCovered);
            var events = isPublic ? policy.Count(c.Events) : DisclosedValue.Shown(c.Events);
            var population = isPublic ? policy.Count(c.PeopleWithDisabilities) : DisclosedValue.Shown(c.PeopleWithDisabilities);
            var rate = isPublic ? policy.Rate(people, population, decimals: 1, per: 1000m) : ExactRate.Of(c.PeopleCovered, c.PeopleWithDisabilities, decimals: 1, per: 1000m);
            return (c, people, events, population, rate);
        }).ToList();

        // Rank 1 is the highest coverage per 1,000; only shown rates are ranked.
        var ranked = rows.Where(r => r.rate.Value is not null).OrderByDescending(r => r.rate.Value).Select((r, i) => (r.c.Code, Rank: i + 1)).ToDictionary(x => x.Code, x => x.Rank);
        return [.. rows.Select(r => new DistrictRateRow(r.c.Code, r.c.Name, r.people, r.events, r.population, r.rate, ranked.TryGetValue(r.c.Code, out var rank) ? rank : null))];
    }

    public static string Summary(IReadOnlyList<DistrictRateRow> rows, IStringLocalizer localizer, System.Globalization.CultureInfo culture)
    {
        var top = rows.Where(r => r.Rank == 1).FirstOrDefault();
        var bottom = rows.Where(r => r.Rank is not null).OrderByDescending(r => r.Rank).FirstOrDefault();
        return top is null || bottom is null
            ? localizer["Chart.NoEvents"]
            : localizer["Districts.RateSummary", top.Name.For(culture), top.PerThousand.Display(culture), bottom.Name.For(culture), bottom.PerThousand.Display(culture)];
    }
}
