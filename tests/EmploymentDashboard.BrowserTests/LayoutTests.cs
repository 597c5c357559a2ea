using EmploymentDashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EmploymentDashboard.BrowserTests;

/// <summary>
/// A dashboard, not a long report: page heights and what is on the first screen at 1366 × 768 and at
/// 390 × 844, recorded (in the test output) and held to the targets of issue 13.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LayoutTests(DashboardBrowserFixture fixture, ITestOutputHelper output)
{
    // Page height, and the top (in page coordinates) of each selector that is on the page.
    private const string Measure = """
        (selectors) => ({
          height: document.documentElement.scrollHeight,
          tops: Object.fromEntries(selectors.map((s) => {
            const e = document.querySelector(s);
            return [s, e ? Math.round(e.getBoundingClientRect().top + window.scrollY) : -1];
          }))
        })
        """;

    [Fact]
    public async Task At_1366_px_the_overview_fits_2300_px_with_the_trend_and_the_district_comparison_in_the_first_1000()
    {
        await using var session = await fixture.NewSessionAsync(Wide);
        var failures = new List<string>();
        const string trend = "[data-chart-table='overview-by-month']";
        const string ranking = "[data-chart-table='districts-ranked']";
        var overview = await MeasureAsync(session, "/", trend, ranking, "[data-indicator='people_covered']");
        Expect(failures, "/", overview.Height <= 2_300, $"is {overview.Height} px high (target 2,300)");
        Expect(failures, "/", overview.Top(trend) is >= 0 and < 1_000, $"the trend starts at {overview.Top(trend)} px (target: in the first 1,000)");
        Expect(failures, "/", overview.Top(ranking) is >= 0 and < 1_000, $"the district comparison starts at {overview.Top(ranking)} px (target: in the first 1,000)");
        Expect(failures, "/", overview.Top("[data-indicator='people_covered']") is >= 0 and < 768, "the headline figures are not on the first screen");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        await session.AssertNoProblemsAsync();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Districts/temirtau-city")]
    [InlineData("/Measures/vacancy")]
    [InlineData("/Quotas")]
    [InlineData("/Grants")]
    [InlineData("/Map")]
    public async Task At_390_px_the_title_and_first_figure_are_on_the_first_screen_and_no_table_is_much_wider_than_it(string path)
    {
        await using var session = await fixture.NewSessionAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var failures = new List<string>();
        var page = await MeasureAsync(session, path, "h1", ".card, [data-chart-table], .map-ranking");
        Expect(failures, path, page.Top("h1") is >= 0 and <= 200, $"the title starts at {page.Top("h1")} px (target 200)");
        Expect(failures, path, page.Top(".card, [data-chart-table], .map-ranking") is >= 0 and < 844, $"the first figure starts at {page.Top(".card, [data-chart-table], .map-ranking")} px (target: on the first screen of 844)");
        if (path == "/")
        {
            Expect(failures, path, page.Height <= 5 * 844, $"is {page.Height} px high, {page.Height / 844.0:0.0} screens (target 5)");
        }

        // Every table, the ones behind a Table tab too, at most 1.5 × the screen wide.
        var widths = await session.Page.EvaluateAsync<string[]>("""
            () => {
              document.querySelectorAll(".figure-panel[hidden]").forEach((p) => { p.hidden = false; });
              return [...document.querySelectorAll("table")].filter((t) => t.getBoundingClientRect().width > 390 * 1.5).map((t) => `${t.id} is ${Math.round(t.getBoundingClientRect().width)} px wide`);
            }
            """);
        failures.AddRange(widths.Select(w => $"{path}: {w} (target: at most 585)"));

        output.WriteLine($"{path} at 390 px: {page.Height} px high, title at {page.Top("h1")} px");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        await session.AssertNoProblemsAsync();
    }

    private static BrowserNewContextOptions Wide => new() { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } };

    private async Task<PageMeasure> MeasureAsync(BrowserSession session, string path, params string[] selectors)
    {
        await session.GotoAsync(path);
        var measure = await session.Page.EvaluateAsync<PageMeasure>(Measure, selectors);
        output.WriteLine($"{path}: {measure.Height} px high; {string.Join(", ", measure.Tops.Select(t => $"{t.Key} at {t.Value} px"))}");
        return measure;
    }

    private static void Expect(List<string> failures, string path, bool condition, string message)
    {
        if (!condition)
        {
            failures.Add($"{path}: {message}");
        }
    }

    private sealed class PageMeasure
    {
        public int Height { get; set; }

        public Dictionary<string, int> Tops { get; set; } = [];

        public int Top(string selector) => Tops.TryGetValue(selector, out var top) ? top : -1;
    }
}
