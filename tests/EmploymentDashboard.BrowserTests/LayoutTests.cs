using System.Globalization;
using EmploymentDashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EmploymentDashboard.BrowserTests;

/// <summary>
/// A dashboard, not a long report: page heights and what is on the first screen at 1366 × 768 and at
/// 390 × 844, recorded (in the test output) and held to the targets of issue 13. The page heights at 1366 px
/// are held with a margin: at least 5% under the issue's target (a page tuned to 1 px under the line is a
/// finding, not a pass), and each failure names both figures.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LayoutTests(DashboardBrowserFixture fixture, ITestOutputHelper output)
{
    /// <summary>The page heights of issue 13 at 1366 × 768, and the margin under them that the pages keep.</summary>
    private const int OverviewTarget = 2_300;
    private const int DistrictTarget = 1_600;
    private const int StaffQuotasTarget = 3_000;
    private const double Margin = 0.05;

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
    public async Task At_1366_px_the_overview_keeps_5_percent_under_2300_px_with_the_trend_and_the_district_comparison_in_the_first_1000()
    {
        await using var session = await fixture.NewSessionAsync(Wide);
        var failures = new List<string>();
        const string trend = "[data-chart-table='overview-by-month']";
        const string ranking = "[data-chart-table='districts-ranked']";
        var overview = await MeasureAsync(session, "/", trend, ranking, "[data-indicator='people_covered']");
        ExpectHeight(failures, "/", overview.Height, OverviewTarget);
        Expect(failures, "/", overview.Top(trend) is >= 0 and < 1_000, $"the trend starts at {overview.Top(trend)} px (target: in the first 1,000)");
        Expect(failures, "/", overview.Top(ranking) is >= 0 and < 1_000, $"the district comparison starts at {overview.Top(ranking)} px (target: in the first 1,000)");
        Expect(failures, "/", overview.Top("[data-indicator='people_covered']") is >= 0 and < 768, "the headline figures are not on the first screen");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        await session.AssertNoProblemsAsync();
    }

    [Fact]
    public async Task At_1366_px_the_district_page_keeps_5_percent_under_1600_px_with_its_key_figures_change_and_rank_in_the_first_900()
    {
        await using var session = await fixture.NewSessionAsync(Wide);
        var failures = new List<string>();
        await ExpectDistrictPageAsync(session, failures);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        await session.AssertNoProblemsAsync();
    }

    [Fact]
    public async Task At_1366_px_the_staff_quota_page_keeps_5_percent_under_3000_px_with_the_worst_district_on_the_first_screen()
    {
        await using var session = await fixture.NewSessionAsync(Wide);
        await session.SignInAsync(DashboardPages.StaffAccount.Email, DashboardPages.StaffAccount.Password);
        var failures = new List<string>();
        const string worst = "#quota-unfilled-table tbody tr:first-child";
        var quotas = await MeasureAsync(session, "/Quotas", worst, "[data-staff-only] table");
        var worstBottom = await session.Page.Locator(worst).EvaluateAsync<int>("(e) => Math.round(e.getBoundingClientRect().bottom + window.scrollY)");
        ExpectHeight(failures, "/Quotas", quotas.Height, StaffQuotasTarget);
        Expect(failures, "/Quotas", quotas.Top(worst) >= 0 && worstBottom <= 768, $"the worst district's row is at {quotas.Top(worst)}–{worstBottom} px (target: on the first screen of 768)");
        Expect(failures, "/Quotas", quotas.Top("[data-staff-only] table") >= 0, "the staff page has no employer list");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        await session.AssertNoProblemsAsync();
    }

    [Fact]
    public async Task With_annual_plans_the_plan_table_shows_and_the_overview_and_district_page_keep_their_heights()
    {
        // An administrator sets plans for the region and Temirtau for the year the pages show (the default
        // whole year); the plan table appears on both pages, which must still meet their targets. The plans
        // are removed again so that the other tests see the demo data as it is.
        await using var admin = await fixture.NewSessionAsync(Wide);
        await admin.SignInAsync(DashboardPages.AdminAccount.Email, DashboardPages.AdminAccount.Password);
        await SetPlansAsync(admin, "1200");
        try
        {
            await using var session = await fixture.NewSessionAsync(Wide);
            var failures = new List<string>();
            const string trend = "[data-chart-table='overview-by-month']";
            const string plan = "[data-plan-figure='overview-plan'] > summary";
            var overview = await MeasureAsync(session, "/", trend, plan);
            Expect(failures, "/", overview.Top(plan) >= 0, "shows no plan table");
            ExpectHeight(failures, "/ with the plan table", overview.Height, OverviewTarget);
            Expect(failures, "/", overview.Top(trend) is >= 0 and < 1_000, $"the trend starts at {overview.Top(trend)} px with the plan table (target: in the first 1,000)");
            await ExpectDistrictPageAsync(session, failures, "[data-plan-figure='district-temirtau-city-plan'] > summary");
            Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
            await session.AssertNoProblemsAsync();
        }
        finally
        {
            await SetPlansAsync(admin, string.Empty);
        }
    }

    [Fact]
    public async Task At_1366_px_the_small_charts_share_a_row_the_measures_sit_beside_the_placements_and_short_charts_stay_short()
    {
        // What keeps the pages short without hiding anything: figures side by side rather than one under the
        // other, a month axis written level instead of slanted, and three kinds of special workplace as three
        // horizontal bars instead of 16rem of columns with slanted names.
        await using var session = await fixture.NewSessionAsync(Wide);
        await session.GotoAsync("/");
        var tops = await session.Page.EvaluateAsync<int[]>("""
            () => ["overview-by-sex", "overview-by-disabilitygroup", "overview-by-ageband", "overview-by-measure", "placements"]
              .map((id) => Math.round(document.querySelector(`[data-chart-table='${id}']`).getBoundingClientRect().top + window.scrollY))
            """);
        Assert.True(tops[0] == tops[1] && tops[1] == tops[2], $"The sex, group and age charts start at {tops[0]}, {tops[1]} and {tops[2]} px: not one row.");
        Assert.True(tops[3] == tops[4] && tops[3] > tops[0], $"The measures start at {tops[3]} px and the placements by district at {tops[4]} px: not side by side below the small charts.");
        var rotation = await session.Page.EvaluateAsync<double>("() => document.getElementById('overview-by-month-chart').chartInstance.scales.x.labelRotation");
        Assert.Equal(0, rotation);

        await session.GotoAsync("/Quotas");
        var workplaces = await session.Page.EvaluateAsync<string>("""
            () => {
              const chart = document.getElementById("special-workplaces-chart");
              return `${chart.chartInstance.options.indexAxis} ${Math.round(chart.parentNode.getBoundingClientRect().height)}`;
            }
            """);
        var parts = workplaces.Split(' ');
        Assert.Equal("y", parts[0]);
        Assert.True(int.Parse(parts[1], CultureInfo.InvariantCulture) < 160, $"The special workplaces chart is {parts[1]} px high for three bars.");
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

    /// <summary>The district page's targets at 1366 px, and that the given selectors are on it.</summary>
    private async Task ExpectDistrictPageAsync(BrowserSession session, List<string> failures, params string[] mustShow)
    {
        const string path = "/Districts/temirtau-city";
        string[] key = ["[data-indicator='people_covered']", "[data-change='people_covered']", "[data-indicator='rank']", "[data-rank-change]"];
        var district = await MeasureAsync(session, path, [.. key, .. mustShow]);
        ExpectHeight(failures, path + (mustShow.Length > 0 ? " with " + string.Join(", ", mustShow) : string.Empty), district.Height, DistrictTarget);
        foreach (var selector in key)
        {
            var bottom = await session.Page.Locator(selector).First.EvaluateAsync<int>("(e) => Math.round(e.getBoundingClientRect().bottom + window.scrollY)");
            Expect(failures, path, district.Top(selector) >= 0 && bottom <= 900, $"{selector} is at {district.Top(selector)}–{bottom} px (target: in the first 900)");
        }

        foreach (var selector in mustShow)
        {
            Expect(failures, path, district.Top(selector) >= 0, $"shows no {selector}");
        }
    }

    /// <summary>Types a value into every plan field of the region and of Temirtau for the default year and saves (empty removes the plans).</summary>
    private static async Task SetPlansAsync(BrowserSession admin, string value)
    {
        await admin.GotoAsync("/Admin/Plans?lang=en");
        var fields = admin.Page.Locator("tr[data-scope='region'] input, tr[data-scope='temirtau-city'] input");
        Assert.True(await fields.CountAsync() > 0, "The plan grid has no fields for the region and Temirtau.");
        foreach (var field in await fields.AllAsync())
        {
            await field.FillAsync(value);
        }

        await admin.Page.Locator("form[data-plan-form] button[type='submit']").ClickAsync();
        await admin.Page.Locator("[data-saved]").WaitForAsync();
    }

    private static BrowserNewContextOptions Wide => new() { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } };

    private async Task<PageMeasure> MeasureAsync(BrowserSession session, string path, params string[] selectors)
    {
        await session.GotoAsync(path);
        var measure = await session.Page.EvaluateAsync<PageMeasure>(Measure, selectors);
        output.WriteLine($"{path}: {measure.Height} px high; {string.Join(", ", measure.Tops.Select(t => $"{t.Key} at {t.Value} px"))}");

        // Where the height goes: each block of the page's main content, for whoever has to make it shorter.
        var blocks = await session.Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll("main > *, main .dashboard-grid__column > *")].map((e) => {
              const r = e.getBoundingClientRect();
              return `${e.tagName.toLowerCase()}${e.className ? "." + e.className.split(" ")[0] : ""}${e.dataset.chartTable ? "[" + e.dataset.chartTable + "]" : ""} ${Math.round(r.top + window.scrollY)}+${Math.round(r.height)}`;
            })
            """);
        output.WriteLine("  " + string.Join("; ", blocks));
        var viewport = session.Page.ViewportSize!;
        var file = await session.ScreenshotAsync($"layout-{viewport.Width}-{new string([.. path.Select(c => char.IsLetterOrDigit(c) ? c : '-')]).Trim('-')}{(measure.Tops.Keys.Any(k => k.Contains("plan", StringComparison.Ordinal)) ? "-plan" : string.Empty)}");
        output.WriteLine($"  full page: {file}");
        return measure;
    }

    /// <summary>The page's height against the issue's target less the margin; the test output records both figures.</summary>
    private void ExpectHeight(List<string> failures, string page, int height, int target)
    {
        var limit = (int)Math.Floor(target * (1 - Margin));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{page}: {height:N0} px high; held to {limit:N0} ({Margin:P0} under the issue's target of {target:N0}); {(target - height) * 100.0 / target:0.0}% under the target"));
        Expect(failures, page, height <= limit, string.Create(CultureInfo.InvariantCulture, $"is {height:N0} px high: over {limit:N0}, the issue's target of {target:N0} less a {Margin:P0} margin"));
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
