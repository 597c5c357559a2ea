using System.Net;
using System.Text.Json;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Web;

/// <summary>The region overview at "/", served over HTTP by the real app from the demo database.</summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class OverviewPageTests(DemoDatabaseFixture fixture)
{
    private static readonly string[] _districtCodes =
    [
        "karaganda-city", "temirtau-city", "balkhash-city", "saran-city", "shakhtinsk-city", "priozersk-city",
        "abay-district", "aktogay-district", "bukhar-zhyrau-district", "karkaraly-district", "nura-district", "osakarov-district", "shet-district",
    ];

    [Fact]
    public async Task Overview_answers_200_with_the_published_figures_for_staff()
    {
        var (response, page) = await HtmlPage.GetAsync(await fixture.StaffClientAsync(), "/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1120, page.Indicator("people_covered").ValueOf());
        Assert.Equal(358, page.Indicator("events_vacancy").ValueOf());
        Assert.Equal(15, page.Indicator("events_social_jobs").ValueOf());
        Assert.Equal(290, page.Indicator("events_public_works").ValueOf());
        Assert.Equal(106, page.Indicator("events_silver_age").ValueOf());
        Assert.Equal(61, page.Indicator("events_business_grant").ValueOf());
        Assert.Equal(61, page.Indicator("grants_count").ValueOf());
        Assert.Equal(89, page.Indicator("quota_employers").ValueOf());
        Assert.Equal(219, page.Indicator("quota_places_set").ValueOf());
        Assert.Equal(11, page.Indicator("special_workplaces").ValueOf());
        Assert.Equal(1, page.Indicator("pending_applications").ValueOf());
        Assert.Equal(2, page.Indicator("pending_places").ValueOf());
        Assert.Equal(55_000, page.Indicator("people_with_disabilities").ValueOf());
        Assert.Equal(27_500, page.Indicator("working_age").ValueOf());
        Assert.Equal(11_000, page.Indicator("employed").ValueOf());
        Assert.Equal("40.0", page.Indicator("employment_rate_percent").GetAttribute("data-value"));
    }

    [Fact]
    public async Task The_public_sees_the_published_region_figures_exactly()
    {
        var (response, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), "/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1120, page.Indicator("people_covered").ValueOf());
        Assert.Equal(358, page.Indicator("events_vacancy").ValueOf());
        Assert.Equal(15, page.Indicator("events_social_jobs").ValueOf());
        Assert.Equal(290, page.Indicator("events_public_works").ValueOf());
        Assert.Equal(106, page.Indicator("events_silver_age").ValueOf());
        Assert.Equal(61, page.Indicator("grants_count").ValueOf());
        Assert.Equal(89, page.Indicator("quota_employers").ValueOf());
        Assert.Equal(219, page.Indicator("quota_places_set").ValueOf());
        Assert.Equal(11, page.Indicator("special_workplaces").ValueOf());
        Assert.Equal(55_000, page.Indicator("people_with_disabilities").ValueOf());
        Assert.Equal("40.0", page.Indicator("employment_rate_percent").GetAttribute("data-value"));

        // One application for two places: administrative figures, shown as they are (ADR 0010).
        Assert.Equal(1, page.Indicator("pending_applications").ValueOf());
        Assert.Empty(page.QuerySelectorAll("[data-suppressed]"));
    }

    [Fact]
    public async Task Shown_numbers_are_the_data_values_formatted_for_the_language()
    {
        var (_, russian) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), "/?lang=ru");
        var (_, english) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), "/?lang=en");

        Assert.Equal("1\u00A0120", russian.Indicator("people_covered").QuerySelector(".card__value")!.TextContent.Trim());
        Assert.Equal("1,120", english.Indicator("people_covered").QuerySelector(".card__value")!.TextContent.Trim());
        Assert.Equal("55\u00A0000", russian.Indicator("people_with_disabilities").QuerySelector(".card__value")!.TextContent.Trim());
        Assert.Equal("40,0%", russian.Indicator("employment_rate_percent").QuerySelector(".card__value")!.TextContent.Trim());
        Assert.Equal("40.0%", english.Indicator("employment_rate_percent").QuerySelector(".card__value")!.TextContent.Trim());
    }

    [Fact]
    public async Task Every_district_appears_in_the_table()
    {
        var (_, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), "/");

        var rows = page.QuerySelectorAll("#placements-table tbody tr").Select(r => r.GetAttribute("data-district")).ToList();
        Assert.Equal(_districtCodes, rows);
        var names = page.QuerySelectorAll("#placements-table tbody th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Contains("Караганда", names);
        Assert.Contains("Шетский район", names);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_chart_data_equal_the_table(bool staff)
    {
        var client = staff ? await fixture.StaffClientAsync() : fixture.App.CreatePlainClient();
        var (_, page) = await HtmlPage.GetAsync(client, "/");

        using var chart = JsonDocument.Parse(page.QuerySelector("#placements-data")!.TextContent);
        var districts = chart.RootElement.GetProperty("categories").EnumerateArray().Select(d => d.GetString()).ToList();
        var labels = chart.RootElement.GetProperty("labels").EnumerateArray().Select(d => d.GetString()).ToList();
        var rows = page.QuerySelectorAll("#placements-table tbody tr").ToList();
        Assert.Equal(rows.Select(r => r.GetAttribute("data-district")), districts);
        Assert.Equal(rows.Select(r => r.QuerySelector("th")!.TextContent.Trim()), labels);

        var datasets = chart.RootElement.GetProperty("datasets").EnumerateArray().ToList();
        var measureColumns = page.QuerySelectorAll("#placements-table thead th[data-measure]").Select(th => th.GetAttribute("data-measure")).ToList();
        Assert.Equal(measureColumns, datasets.Select(d => d.GetProperty("code").GetString()));
        Assert.Equal(8, datasets.Count);
        foreach (var dataset in datasets)
        {
            var code = dataset.GetProperty("code").GetString();
            var chartValues = dataset.GetProperty("data").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (long?)null : v.GetInt64()).ToList();
            var chartSuppressed = dataset.GetProperty("suppressed").EnumerateArray().Select(v => v.GetBoolean()).ToList();
            var cells = rows.Select(r => r.QuerySelector($"td[data-measure='{code}']")!).ToList();
            Assert.Equal(cells.Select(c => c.ShownValueOf()), chartValues);
            Assert.Equal(cells.Select(c => c.HasAttribute("data-suppressed")), chartSuppressed);
            if (staff)
            {
                Assert.All(chartValues, v => Assert.NotNull(v));
            }
        }
    }

    [Fact]
    public async Task Staff_see_exact_cells_whose_columns_add_up_to_the_region_total()
    {
        var (_, page) = await HtmlPage.GetAsync(await fixture.StaffClientAsync(), "/");

        var total = page.QuerySelector("#placements-table tfoot tr")!;
        Assert.Equal(1120, total.QuerySelector("td[data-column='people_covered']")!.ValueOf());
        Assert.Equal(358, total.QuerySelector("td[data-measure='vacancy']")!.ValueOf());
        var rows = page.QuerySelectorAll("#placements-table tbody tr").ToList();
        foreach (var code in new[] { "vacancy", "social_jobs", "public_works", "silver_age", "business_grant" })
        {
            Assert.Equal(total.QuerySelector($"td[data-measure='{code}']")!.ValueOf(), rows.Sum(r => r.QuerySelector($"td[data-measure='{code}']")!.ValueOf()));
        }

        // Events add up to more than the people: the table never calls their sum "people".
        Assert.True(total.QuerySelector("td[data-column='total_events']")!.ValueOf() > 1120);
    }

    [Theory]
    [InlineData("ru", "Караганда", "Обзор области")]
    [InlineData("kk", "Қарағанды", "Облысқа шолу")]
    [InlineData("en", "Karaganda", "Region overview")]
    public async Task The_page_speaks_the_chosen_language(string language, string cityName, string navLabel)
    {
        var (response, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), $"/?lang={language}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(cityName, page.QuerySelector("#placements-table tr[data-district='karaganda-city'] th")!.TextContent.Trim());
        Assert.Contains(navLabel, page.QuerySelector(".main-nav")!.TextContent);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal) && c.Contains($"c%3D{language}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_language_cookie_is_remembered_on_the_next_page()
    {
        var client = fixture.App.CreatePlainClient();
        var (first, _) = await HtmlPage.GetAsync(client, "/?lang=kk");
        var cookie = first.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal)).Split(';')[0];

        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        var response = await client.SendAsync(request);
        var page = await HtmlPage.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal("kk", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task The_language_switcher_keeps_the_current_filters()
    {
        var (_, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), "/?year=2024&lang=ru");

        var links = page.QuerySelectorAll(".language-switcher a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/?year=2024&lang=ru", "/?year=2024&lang=kk", "/?year=2024&lang=en"], links);
    }

    [Fact]
    public async Task Demo_data_are_marked_and_the_last_update_is_shown()
    {
        var (_, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), "/");

        Assert.NotNull(page.QuerySelector(".demo-banner[data-demo='true']"));
        Assert.Equal("2026-01-15", page.QuerySelector("time[data-last-updated]")!.GetAttribute("datetime"));
    }

    [Fact]
    public async Task An_earlier_year_can_be_chosen()
    {
        var (response, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), "/?year=2024");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(110, page.Indicator("quota_places_set").ValueOf());
        Assert.NotEqual(1120, page.Indicator("people_covered").ValueOf());
    }

    [Theory]
    [InlineData("/?year=abc")]
    [InlineData("/?year=1999")]
    [InlineData("/?year=2025-01")]
    [InlineData("/?year=99999999999999999999")]
    [InlineData("/?region=atlantis")]
    public async Task Invalid_filters_answer_400_with_a_clear_message(string url)
    {
        var (response, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = page.QuerySelector("[data-problem]");
        Assert.NotNull(problem);
        Assert.Contains("2025", problem.TextContent + (url.Contains("region", StringComparison.Ordinal) ? " 2025" : string.Empty));
    }

    [Fact]
    public async Task Chart_script_and_library_are_served_locally()
    {
        var client = fixture.App.CreatePlainClient();
        var (_, page) = await HtmlPage.GetAsync(client, "/");

        var scripts = page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).ToList();
        Assert.Contains(scripts, s => s.StartsWith("/lib/chart.js/dist/chart.umd.min.js", StringComparison.Ordinal));
        Assert.All(scripts, s => Assert.StartsWith("/", s));
        foreach (var src in scripts)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(src)).StatusCode);
        }

        var canvas = page.QuerySelector("canvas#placements-chart")!;
        Assert.Equal("img", canvas.GetAttribute("role"));
        Assert.False(string.IsNullOrWhiteSpace(canvas.GetAttribute("aria-label")));
    }

    [Fact]
    public async Task Health_endpoint_reports_the_database()
    {
        var response = await fixture.App.CreatePlainClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_page_gets_the_friendly_404()
    {
        var (response, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), "/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("404", page.QuerySelector(".error-page")!.GetAttribute("data-status"));
    }
}
