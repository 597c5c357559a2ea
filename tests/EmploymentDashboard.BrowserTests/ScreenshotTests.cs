using EmploymentDashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EmploymentDashboard.BrowserTests;

/// <summary>
/// Takes the README's screenshots of the main pages (into <see cref="DashboardBrowserFixture.OutputDirectory"/>;
/// scripts/update-screenshots.sh runs these tests and copies the pictures to docs/screenshots/, which the README
/// shows), and checks that each page drew its charts first.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(DashboardBrowserFixture fixture)
{
    [Theory]
    [InlineData("overview", "/?lang=en", false, 1280)]
    [InlineData("district-profile", "/Districts/temirtau-city?lang=en", false, 1280)]
    [InlineData("quotas", "/Quotas?lang=en", false, 1280)]
    [InlineData("districts", "/Districts?lang=en", false, 1280)]
    [InlineData("map", "/Map?lang=en", false, 1280)]
    [InlineData("overview-high-contrast", "/?lang=kk", true, 1280)]
    [InlineData("overview-320px", "/?lang=ru", false, 320)]
    public async Task Screenshot_of_a_main_page(string name, string path, bool highContrast, int width)
    {
        await using var session = await fixture.NewSessionAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        if (highContrast)
        {
            await session.Context.AddCookiesAsync([new Cookie { Name = "display", Value = "high-contrast", Url = fixture.BaseAddress.ToString() }]);
        }

        await session.GotoAsync(path);
        var charts = await session.Page.Locator("canvas[data-chart]").EvaluateAllAsync<bool[]>("(all) => all.map((c) => c.chartInstance !== undefined)");
        Assert.All(charts, Assert.True);

        var file = Path.Combine(DashboardBrowserFixture.OutputDirectory, name + ".png");
        await session.Page.ScreenshotAsync(new PageScreenshotOptions { Path = file });

        Assert.True(new FileInfo(file).Length > 10_000, $"{file} is nearly empty");
        await session.AssertNoProblemsAsync();
    }
}
