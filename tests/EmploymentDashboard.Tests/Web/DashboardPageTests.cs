using System.Net;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Web;

/// <summary>The overview, district and measure dashboards over HTTP, for the public and for staff, across filters.</summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class DashboardPageTests(DemoDatabaseFixture fixture)
{
    public static TheoryData<string> Pages() =>
    [
        "/",
        "/?year=2024",
        "/?from=2025-04&to=2025-09",
        "/?district=temirtau-city&measure=vacancy",
        "/?group=1&sex=female",
        "/?lang=en&age=under-30",
        "/Districts",
        "/Districts?year=2023",
        "/Districts/karaganda-city",
        "/Districts/aktogay-district?measure=public_works",
        "/Districts/priozersk-city?lang=kk&from=2024-01&to=2025-06",
        "/Measures/vacancy",
        "/Measures/silver_age?year=2024",
        "/Measures/business_grant?district=karaganda-city&sex=male",
        "/Measures/training?group=2&lang=en",
    ];

    /// <summary>Combinations only staff may ask for (ADR 0010: the public view refuses them).</summary>
    public static TheoryData<string> StaffPages() =>
    [
        .. ((IEnumerable<object[]>)Pages()).Select(p => (string)p[0]),
        "/?from=2025-03&to=2025-08",
        "/?district=temirtau-city&district=abay-district&measure=vacancy",
        "/?group=1&sex=female&age=50-59",
        "/?lang=en&age=under-30&age=30-39",
        "/Measures/training?group=2&group=3&lang=en",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_answers_200_and_its_charts_equal_their_tables_for_the_public(string url)
    {
        var (response, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ChartTables.AssertEveryChartEqualsItsTable(page);
        Assert.NotNull(page.QuerySelector("[data-demo='true']"));
        Assert.NotNull(page.QuerySelector("time[data-last-updated]"));
    }

    [Theory]
    [MemberData(nameof(StaffPages))]
    public async Task Every_page_answers_200_and_its_charts_equal_their_tables_for_staff(string url)
    {
        var (response, page) = await HtmlPage.GetAsync(await fixture.StaffClientAsync(), url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ChartTables.AssertEveryChartEqualsItsTable(page);
        Assert.Empty(page.QuerySelectorAll("[data-suppressed]"));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_filter_link_reproduces_the_same_numbers(string url)
    {
        var client = await fixture.StaffClientAsync();
        var (_, first) = await HtmlPage.GetAsync(client, url);
        var (_, second) = await HtmlPage.GetAsync(client, url);

        static string Numbers(AngleSharp.Dom.IDocument page) =>
            string.Join("|", page.QuerySelectorAll("[data-value]").Select(e => e.GetAttribute("data-value")))
            + string.Join("|", page.QuerySelectorAll("script[type='application/json']").Select(s => s.TextContent));

        Assert.Equal(Numbers(first), Numbers(second));
    }

    [Theory]
    [InlineData("/?year=abc")]
    [InlineData("/?year=1999")]
    [InlineData("/?from=2025-09&to=2025-01")]
    [InlineData("/?from=2025-13")]
    [InlineData("/?from=garbage&to=2025-01")]
    [InlineData("/?from=2010-01&to=2025-01")]
    [InlineData("/?district=atlantis")]
    [InlineData("/?measure=teleportation")]
    [InlineData("/?group=4")]
    [InlineData("/?sex=other")]
    [InlineData("/?age=12-15")]
    [InlineData("/Districts?year=abc")]
    [InlineData("/Districts/karaganda-city?district=nowhere")]
    [InlineData("/Measures/vacancy?from=2025-05&to=2024-05")]
    public async Task Invalid_filters_answer_400_with_a_message_never_500(string url)
    {
        var (response, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-problem] p")!.TextContent));
    }

    [Theory]
    [InlineData("/Methodology")]
    [InlineData("/Definitions")]
    [InlineData("/Account/SignIn")]
    [InlineData("/Quotas")]
    [InlineData("/Grants")]
    [InlineData("/Context")]
    [InlineData("/Map")]
    public async Task Every_page_shows_the_demo_marker_and_the_last_update(string url)
    {
        var (_, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), url);

        Assert.NotNull(page.QuerySelector("[data-demo='true']"));
        Assert.Equal("2026-01-15", page.QuerySelector("time[data-last-updated]")!.GetAttribute("datetime"));
    }

    [Theory]
    [InlineData("/Districts/atlantis")]
    [InlineData("/Measures/teleportation")]
    public async Task Unknown_districts_and_measures_are_404(string url)
    {
        var response = await fixture.App.CreatePlainClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Rates_per_1000_and_ranks_match_the_rows()
    {
        var (_, page) = await HtmlPage.GetAsync(await fixture.StaffClientAsync(), "/Districts?year=2025");

        var rows = page.QuerySelectorAll("#districts-comparison tbody tr").ToList();
        Assert.Equal(13, rows.Count);
        var expected = new List<(string Code, decimal Rate)>();
        foreach (var row in rows)
        {
            var code = row.GetAttribute("data-district")!;
            var people = await fixture.Database.ScalarAsync(
                "SELECT count(*) FROM (SELECT participant_id FROM placements p JOIN districts d ON d.id = p.district_id WHERE d.code = '" + code + "' AND p.date BETWEEN '2025-01-01' AND '2025-12-31' "
                + "UNION SELECT participant_id FROM grants g JOIN districts d ON d.id = g.district_id WHERE d.code = '" + code + "' AND g.date BETWEEN '2025-01-01' AND '2025-12-31') x");
            var disabled = await fixture.Database.ScalarAsync("SELECT people_with_disabilities FROM disability_populations p JOIN districts d ON d.id = p.district_id WHERE d.code = '" + code + "' AND p.year = 2025");
            var rate = Math.Round(1000m * people / disabled, 1);
            Assert.Equal(people, row.QuerySelector("td[data-column='people_covered']")!.ValueOf());
            Assert.Equal(rate.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), row.QuerySelector("td[data-column='per_1000']")!.GetAttribute("data-value"));
            expected.Add((code, rate));
        }

        var order = expected.OrderByDescending(e => e.Rate).Select(e => e.Code).ToList();
        var ranks = rows.ToDictionary(r => r.GetAttribute("data-district")!, r => int.Parse(r.QuerySelector("td[data-column='rank']")!.GetAttribute("data-rank")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, ranks[order[0]]);
        Assert.Equal(13, ranks[order[^1]]);
    }

    [Fact]
    public async Task A_district_page_shows_the_region_figure_beside_its_own()
    {
        var (_, page) = await HtmlPage.GetAsync(await fixture.StaffClientAsync(), "/Districts/aktogay-district?year=2025");

        Assert.Equal(1120, page.Indicator("region_people_covered").ValueOf());
        Assert.True(page.Indicator("people_covered").ValueOf() < 1120);
        Assert.NotNull(page.QuerySelector("[data-indicator='rank'][data-rank]"));
    }

    [Fact]
    public async Task The_overview_shows_the_change_against_the_previous_year()
    {
        var (_, page) = await HtmlPage.GetAsync(await fixture.StaffClientAsync(), "/?year=2025");
        var (_, before) = await HtmlPage.GetAsync(await fixture.StaffClientAsync(), "/?year=2024");

        var difference = 1120 - before.Indicator("people_covered").ValueOf();
        var change = page.QuerySelector("[data-change='people_covered']")!.TextContent;
        Assert.Contains(difference.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("ru")), change, StringComparison.Ordinal);
        Assert.Contains("2024", change, StringComparison.Ordinal);
        Assert.Null((await HtmlPage.GetAsync(await fixture.StaffClientAsync(), "/?year=2023")).Document.QuerySelector("[data-change]"));
    }

    [Fact]
    public async Task The_monthly_trend_and_breakdowns_follow_the_filters()
    {
        var (_, page) = await HtmlPage.GetAsync(await fixture.StaffClientAsync(), "/?year=2025&district=karaganda-city&measure=vacancy");

        var trend = page.QuerySelector("#overview-by-month-table")!;
        Assert.Equal(12, trend.QuerySelectorAll("tbody tr").Length);
        var expected = await fixture.Database.ScalarAsync(
            "SELECT count(*) FROM placements p JOIN districts d ON d.id = p.district_id JOIN support_measures m ON m.id = p.measure_id "
            + "WHERE d.code = 'karaganda-city' AND m.code = 'vacancy' AND p.date BETWEEN '2025-01-01' AND '2025-12-31'");
        Assert.Equal(expected, trend.QuerySelector("tfoot td[data-series='events']")!.ValueOf());
        Assert.Equal(expected, page.QuerySelector("#overview-by-sex-table tfoot td[data-series='events']")!.ValueOf());
    }
}
