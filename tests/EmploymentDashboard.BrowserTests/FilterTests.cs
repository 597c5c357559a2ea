using System.Text.RegularExpressions;
using EmploymentDashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EmploymentDashboard.BrowserTests;

/// <summary>The filter form, the browser's history and the language switcher work together.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FilterTests(DashboardBrowserFixture fixture)
{
    private const string PeopleCovered = "[data-indicator='people_covered']";

    [Fact]
    public async Task Filters_chosen_in_the_form_go_into_the_url_change_the_numbers_and_back_restores_them()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.GotoAsync("/");
        var unfilteredUrl = page.Url;
        var unfiltered = await ValueOfAsync(page, PeopleCovered);
        var unfilteredChart = await ChartDataAsync(page, "overview-by-measure-chart");
        var year = await page.Locator("select[name='year'] option:not([selected])").First.GetAttributeAsync("value");
        var districtOption = page.Locator("select[name='district'] option").Nth(1);
        var district = await districtOption.GetAttributeAsync("value");
        var districtName = (await districtOption.InnerTextAsync()).Trim();

        var panel = page.Locator("details.filter-panel");
        Assert.Null(await panel.GetAttributeAsync("open"));
        await panel.Locator("summary").ClickAsync();
        await page.Locator("select[name='year']").SelectOptionAsync(year!);
        await page.Locator("select[name='district']").SelectOptionAsync(district!);
        await page.Locator("details.filter-panel button[type='submit']").ClickAsync();
        await page.WaitForURLAsync(new Regex($"[?&]district={Regex.Escape(district!)}(&|$)"));

        var query = QueryOf(page.Url);
        Assert.Equal(year, query["year"]);
        Assert.Equal(district, query["district"]);
        var filtered = await ValueOfAsync(page, PeopleCovered);
        Assert.NotEqual(unfiltered, filtered);
        Assert.NotEqual(unfilteredChart, await ChartDataAsync(page, "overview-by-measure-chart"));
        Assert.Contains(districtName, await page.Locator("[data-filter-summary]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(year, await page.Locator("select[name='year']").InputValueAsync());

        await page.GoBackAsync();
        Assert.Equal(unfilteredUrl, page.Url);
        Assert.Equal(unfiltered, await ValueOfAsync(page, PeopleCovered));
        Assert.Equal(unfilteredChart, await ChartDataAsync(page, "overview-by-measure-chart"));

        await page.GoForwardAsync();
        Assert.Equal(filtered, await ValueOfAsync(page, PeopleCovered));
        await session.AssertNoProblemsAsync();
    }

    [Theory]
    [InlineData("en")]
    [InlineData("kk")]
    public async Task Language_switcher_keeps_the_filters_and_switches_the_page_language(string language)
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.GotoAsync("/?year=2024&district=temirtau-city&measure=vacancy&sex=female");
        Assert.Equal("ru", await page.Locator("html").GetAttributeAsync("lang"));
        var value = await ValueOfAsync(page, PeopleCovered);

        await page.Locator($".language-switcher a[hreflang='{language}']").ClickAsync();
        await page.WaitForURLAsync(new Regex($"[?&]lang={language}(&|$)"));

        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        var query = QueryOf(page.Url);
        Assert.Equal("2024", query["year"]);
        Assert.Equal("temirtau-city", query["district"]);
        Assert.Equal("vacancy", query["measure"]);
        Assert.Equal("female", query["sex"]);
        Assert.Equal(value, await ValueOfAsync(page, PeopleCovered));
        Assert.Equal("true", await page.Locator($".language-switcher a[hreflang='{language}']").GetAttributeAsync("aria-current"));
        Assert.Equal(language, await page.Locator("details.filter-panel input[name='lang']").InputValueAsync());
        await session.AssertNoProblemsAsync();
    }

    private static async Task<string?> ValueOfAsync(IPage page, string selector)
    {
        var figure = page.Locator(selector);
        return await figure.GetAttributeAsync("data-value") ?? "withheld:" + await figure.GetAttributeAsync("data-suppressed");
    }

    /// <summary>What the chart actually drew, as JSON.</summary>
    private static Task<string> ChartDataAsync(IPage page, string canvasId) =>
        page.EvaluateAsync<string>("(id) => JSON.stringify(document.getElementById(id).chartInstance.data.datasets.map((d) => d.data))", canvasId);

    private static Dictionary<string, string> QueryOf(string url) =>
        new Uri(url).Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .GroupBy(pair => Uri.UnescapeDataString(pair[0]))
            .ToDictionary(g => g.Key, g => string.Join(",", g.Select(pair => pair.Length > 1 ? Uri.UnescapeDataString(pair[1].Replace('+', ' ')) : string.Empty)));
}
