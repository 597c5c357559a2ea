using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Web;

/// <summary>
/// The public view of every public page, rendered from the demo data for an anonymous visitor: no
/// count from 1 to k−1 anywhere (figures, table cells, chart data), no participant id, and every count
/// perturbed by the cell key method rather than withheld (ADR 0010).
/// </summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed partial class PublicViewTests(DemoDatabaseFixture fixture)
{
    private const int K = 5;

    public static TheoryData<string> PublicPages() =>
    [
        "/", "/?year=2025", "/?year=2024", "/?year=2023", "/?lang=kk", "/?lang=en", "/?year=2023&lang=en", "/Methodology",
        "/?district=priozersk-city&group=1", "/?from=2025-04&to=2025-06&sex=female",
        "/Districts", "/Districts/priozersk-city", "/Districts/aktogay-district?measure=social_jobs", "/Measures/social_jobs", "/Measures/business_grant?group=1",
    ];

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task No_public_page_shows_a_count_between_1_and_k_minus_1(string url)
    {
        var response = await fixture.App.CreatePlainClient().GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        var page = await HtmlPage.ParseAsync(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var figure in page.QuerySelectorAll("[data-value]").Where(e => !PublicFigures.IsAdministrative(e)))
        {
            var value = decimal.Parse(figure.GetAttribute("data-value")!, CultureInfo.InvariantCulture);
            // Rates, ranks and changes (differences of two shown figures) are not counts.
            var isRate = figure.GetAttribute("data-kind") is "rate" or "rank" or "change";
            Assert.False(!isRate && value is >= 1 and < K, $"{url}: a count of {value} is published: {figure.OuterHtml}");
        }

        // What a reader sees: every number in a card or a table cell.
        foreach (var text in page.QuerySelectorAll(".card__value, td.num").Where(e => e.Closest("[data-kind]") is null && !PublicFigures.IsAdministrative(e)).Select(e => e.TextContent.Trim()))
        {
            if (long.TryParse(text.Replace("\u00A0", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal), out var shown))
            {
                Assert.False(shown is >= 1 and < K, $"{url}: the text {text} is a small count.");
            }
        }

        foreach (var chart in page.QuerySelectorAll("script[type='application/json']"))
        {
            using var json = JsonDocument.Parse(chart.TextContent);
            foreach (var value in json.RootElement.GetProperty("datasets").EnumerateArray()
                .Where(d => !d.TryGetProperty("kind", out var kind) || kind.GetString() != "rate")
                .SelectMany(d => d.GetProperty("data").EnumerateArray()))
            {
                Assert.False(value.ValueKind == JsonValueKind.Number && value.GetInt64() is >= 1 and < K, $"{url}: the chart data carry a small count.");
            }
        }

        Assert.DoesNotMatch(Guid(), html);
    }

    [Fact]
    public async Task Where_staff_see_small_counts_the_public_sees_perturbed_ones_and_nothing_is_withheld()
    {
        var (_, publicPage) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), "/");
        var (_, staffPage) = await HtmlPage.GetAsync(await fixture.StaffClientAsync(), "/");

        var staffCells = staffPage.QuerySelectorAll("#placements-table td[data-value]").ToList();
        var publicCells = publicPage.QuerySelectorAll("#placements-table td[data-value]").ToList();
        Assert.Equal(staffCells.Count, publicCells.Count);
        Assert.Contains(staffCells, td => td.ValueOf() is >= 1 and < K);
        Assert.Empty(publicPage.QuerySelectorAll("#placements-table [data-suppressed]"));
        Assert.DoesNotContain("<5", publicPage.QuerySelector("#placements-table")!.TextContent, StringComparison.Ordinal);

        // Perturbed, not rounded or copied: some public cells differ from the staff's, by at most D.
        var pairs = staffCells.Zip(publicCells, (staff, visitor) => (Staff: staff.ValueOf(), Public: visitor.ValueOf())).ToList();
        Assert.Contains(pairs, p => p.Staff != p.Public);
        Assert.All(pairs, p => Assert.InRange(Math.Abs(p.Staff - p.Public), 0, 5));
        Assert.NotNull(publicPage.QuerySelector("#placements-table ~ [data-perturbed-note], [data-perturbed-note]"));
        Assert.Null(staffPage.QuerySelector("[data-perturbed-note]"));
    }

    [Fact]
    public async Task The_released_region_totals_are_shown_exact_to_the_public()
    {
        var (_, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), "/?year=2025");
        var total = page.QuerySelector("#placements-table tfoot tr")!;

        Assert.Equal(1120, total.QuerySelector("td[data-column='people_covered']")!.ValueOf());
        Assert.Equal(358, total.QuerySelector("td[data-measure='vacancy']")!.ValueOf());
        Assert.Equal(15, total.QuerySelector("td[data-measure='social_jobs']")!.ValueOf());
        Assert.Equal(61, total.QuerySelector("td[data-measure='business_grant']")!.ValueOf());
    }

    [Fact]
    public async Task The_methodology_page_explains_the_method_in_every_language()
    {
        foreach (var (lang, phrase) in new[] { ("en", "random adjustment"), ("ru", "случайную поправку"), ("kk", "кездейсоқ түзету") })
        {
            var (response, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), "/Methodology?lang=" + lang);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("5", page.QuerySelector("[data-threshold]")!.GetAttribute("data-threshold"));
            Assert.Equal("5", page.QuerySelector("[data-max-noise]")!.GetAttribute("data-max-noise"));
            Assert.Contains(phrase, page.QuerySelector("#small-counts")!.NextElementSibling!.TextContent, StringComparison.Ordinal);
            Assert.NotNull(page.QuerySelector("#public-filters"));
            Assert.NotNull(page.QuerySelector("#quota-obligations"));
        }
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();
}
