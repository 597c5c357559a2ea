using EmploymentDashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EmploymentDashboard.BrowserTests;

/// <summary>
/// Reflow (WCAG SC 1.4.10) and text size (1.4.4): at 320 CSS px no page scrolls sideways, in any
/// language, with the filter panel open; checkboxes sit on one line with their labels; chart and map
/// text grow with the user's text size.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReflowTests(DashboardBrowserFixture fixture)
{
    // What is wider than the page, for the failure message.
    private const string Overflow = """
        () => {
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth <= width) return [];
          return [...document.querySelectorAll("body *")]
            .filter((e) => e.getBoundingClientRect().right > width + 1 && !e.closest(".table-scroll") && getComputedStyle(e).position !== "absolute")
            .slice(0, 8)
            .map((e) => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}.${[...e.classList].join(".")} right=${Math.round(e.getBoundingClientRect().right)} "${(e.textContent || "").trim().slice(0, 40)}"`);
        }
        """;

    // For every checkbox label: is the box first, on the first line of its text?
    private const string CheckboxLayout = """
        () => [...document.querySelectorAll("label.checkbox")].map((label) => {
          const box = label.querySelector("input").getBoundingClientRect();
          const range = document.createRange();
          range.selectNodeContents(label);
          range.setStartAfter(label.querySelector("input"));
          const line = [...range.getClientRects()].find((r) => r.width > 0);
          const onOneLine = line && box.right <= line.left + 1 && box.bottom > line.top && box.top < line.bottom;
          return onOneLine ? "" : label.textContent.trim();
        }).filter((t) => t)
        """;

    [Theory]
    [InlineData("ru")]
    [InlineData("kk")]
    [InlineData("en")]
    public async Task No_page_scrolls_sideways_at_320_px_with_the_filter_panel_open(string language)
    {
        await using var session = await fixture.NewSessionAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 320, Height = 800 } });
        var page = session.Page;
        var failures = new List<string>();
        string[] paths = [.. DashboardPages.Public, "/?district=temirtau-city&measure=vacancy&from=2024-01&to=2024-06"];
        foreach (var path in paths)
        {
            await session.GotoAsync(DashboardPages.InLanguage(path, language));
            await page.EvaluateAsync("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })");
            var overflow = await page.EvaluateAsync<string[]>(Overflow);
            var scrolls = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
            if (scrolls)
            {
                failures.Add($"{path}: {string.Join("; ", overflow)}");
            }

            var misplaced = await page.EvaluateAsync<string[]>(CheckboxLayout);
            if (misplaced.Length > 0)
            {
                failures.Add($"{path}: checkbox not on one line with its label: {string.Join("; ", misplaced)}");
            }
        }

        Assert.True(failures.Count == 0, $"At 320 px ({language}):{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
        await session.AssertNoProblemsAsync();
    }

    [Fact]
    public async Task Checkboxes_are_on_one_line_with_their_labels_on_a_wide_screen()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.GotoAsync("/?lang=kk");
        await page.Locator(".filter-panel summary").ClickAsync();

        Assert.Empty(await page.EvaluateAsync<string[]>(CheckboxLayout));
        Assert.True(await page.Locator("label.checkbox").CountAsync() >= 8);
    }

    [Fact]
    public async Task Chart_and_map_text_grow_with_the_text_size()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.GotoAsync("/Map");
        var mapLabel = await page.Locator(".map__label").First.EvaluateAsync<double>("(e) => parseFloat(getComputedStyle(e).fontSize)");
        await session.GotoAsync("/");
        var chartText = await page.EvaluateAsync<double>("() => Chart.defaults.font.size");
        Assert.True(chartText >= 14, $"chart text is {chartText}px at the default 16 px text size");
        const string LabelAxisWidth = "() => document.getElementById('placements-chart').chartInstance.scales.y.width";
        var axisWidth = await page.EvaluateAsync<double>(LabelAxisWidth);

        // A larger user text size (here the high-contrast, large-text switch: 125 %) enlarges both.
        await page.Locator("[data-display-switch]").ClickAsync();
        var largerChartText = await page.EvaluateAsync<double>("() => Chart.defaults.font.size");
        var largerAxisWidth = await page.EvaluateAsync<double>(LabelAxisWidth);
        await session.GotoAsync("/Map");
        var largerMapLabel = await page.Locator(".map__label").First.EvaluateAsync<double>("(e) => parseFloat(getComputedStyle(e).fontSize)");

        Assert.True(largerChartText >= chartText * 1.2, $"chart text {chartText}px -> {largerChartText}px");
        Assert.True(largerAxisWidth > axisWidth, $"the district names' axis is {axisWidth}px wide before and {largerAxisWidth}px after");
        Assert.True(largerMapLabel >= mapLabel * 1.2, $"map labels {mapLabel}px -> {largerMapLabel}px");
        await session.AssertNoProblemsAsync();
    }
}
