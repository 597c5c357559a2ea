using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Web;

/// <summary>
/// The public view of every public page, rendered from the demo data for an anonymous visitor: no
/// count from 1 to k−1 anywhere (figures, table cells, chart data), no participant id, and no
/// withheld cell recoverable from the totals shown beside it.
/// </summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed partial class PublicViewTests(DemoDatabaseFixture fixture)
{
    private const int K = 5;

    public static TheoryData<string> PublicPages() =>
    [
        "/", "/?year=2025", "/?year=2024", "/?year=2023", "/?lang=kk", "/?lang=en", "/?year=2023&lang=en", "/Methodology",
        "/?district=priozersk-city&group=1", "/?from=2025-06&to=2025-07&sex=female",
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
        foreach (var figure in page.QuerySelectorAll("[data-value]"))
        {
            var value = decimal.Parse(figure.GetAttribute("data-value")!, CultureInfo.InvariantCulture);
            // Rates, ranks and changes (differences of two shown figures) are not counts.
            var isRate = figure.GetAttribute("data-kind") is "rate" or "rank" or "change";
            Assert.False(!isRate && value is >= 1 and < K, $"{url}: a count of {value} is published: {figure.OuterHtml}");
        }

        // What a reader sees: every number in a card or a table cell.
        foreach (var text in page.QuerySelectorAll(".card__value, td.num").Where(e => e.Closest("[data-kind]") is null).Select(e => e.TextContent.Trim()))
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
    public async Task The_demo_data_do_have_small_cells_so_the_public_view_really_withholds_some()
    {
        var (_, publicPage) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), "/");
        var (_, staffPage) = await HtmlPage.GetAsync(await fixture.StaffClientAsync(), "/");

        Assert.Contains(publicPage.QuerySelectorAll("#placements-table td"), td => td.GetAttribute("data-suppressed") == "SmallCount");
        Assert.Contains(publicPage.QuerySelectorAll("#placements-table td"), td => td.GetAttribute("data-suppressed") == "Complementary");
        Assert.Empty(staffPage.QuerySelectorAll("[data-suppressed]"));
        Assert.Contains(staffPage.QuerySelectorAll("#placements-table td[data-value]"), td => td.ValueOf() is >= 1 and < K);
        Assert.Contains("<5", publicPage.QuerySelector("#placements-table")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(publicPage.QuerySelector("[data-legend]"));
        Assert.Null(staffPage.QuerySelector("[data-legend]"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/?year=2024")]
    [InlineData("/?year=2023")]
    public async Task No_withheld_cell_is_alone_in_a_line_with_a_shown_total(string url)
    {
        var (_, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), url);
        var body = page.QuerySelectorAll("#placements-table tbody tr").ToList();
        var totals = page.QuerySelector("#placements-table tfoot tr")!;
        var measures = page.QuerySelectorAll("#placements-table thead th[data-measure]").Select(th => th.GetAttribute("data-measure")!).ToList();

        static bool Hidden(IElement cell) => cell.HasAttribute("data-suppressed");

        // Each district: its measure cells and its total of events.
        foreach (var row in body.Append(totals))
        {
            var line = measures.Select(m => row.QuerySelector($"td[data-measure='{m}']")!).Append(row.QuerySelector("td[data-column='total_events']")!).ToList();
            Assert.NotEqual(1, line.Count(Hidden));
        }

        // Each measure: its district cells and the region total.
        foreach (var measure in measures)
        {
            var line = body.Append(totals).Select(r => r.QuerySelector($"td[data-measure='{measure}']")!).ToList();
            Assert.NotEqual(1, line.Count(Hidden));
        }

        // People covered by district, with the region's people.
        var people = body.Append(totals).Select(r => r.QuerySelector("td[data-column='people_covered']")!).ToList();
        Assert.NotEqual(1, people.Count(Hidden));
    }

    [Fact]
    public async Task Withheld_values_are_shown_as_less_than_k_or_c()
    {
        var (_, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), "/");

        foreach (var cell in page.QuerySelectorAll("td[data-suppressed]"))
        {
            var expected = cell.GetAttribute("data-suppressed") == "SmallCount" ? "<5" : "c";
            Assert.Equal(expected, cell.TextContent.Trim());
        }
    }

    [Fact]
    public async Task The_methodology_page_explains_the_threshold()
    {
        var (response, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), "/Methodology");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("5", page.QuerySelector("[data-threshold]")!.GetAttribute("data-threshold"));
        Assert.NotNull(page.QuerySelector("#small-counts"));
    }

    [Fact]
    public async Task The_threshold_is_configurable()
    {
        await using var app = new DashboardAppFactory(fixture.Database.ConnectionString, settings: new Dictionary<string, string> { ["Disclosure:Threshold"] = "10" });
        var (_, page) = await HtmlPage.GetAsync(app.CreatePlainClient(), "/");

        Assert.All(page.QuerySelectorAll("#placements-table td[data-value]"), td => Assert.False(td.ValueOf() is >= 1 and < 10));
        Assert.Contains("<10", page.QuerySelector("#placements-table")!.TextContent, StringComparison.Ordinal);
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();
}
