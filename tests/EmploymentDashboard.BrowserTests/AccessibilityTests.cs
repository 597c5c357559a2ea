using EmploymentDashboard.BrowserTests.Infrastructure;

namespace EmploymentDashboard.BrowserTests;

/// <summary>Smoke checks of what assistive technology and keyboard users rely on.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(DashboardBrowserFixture fixture)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Districts/karaganda-city")]
    [InlineData("/Measures/vacancy")]
    public async Task Every_chart_is_an_image_with_a_text_alternative(string path)
    {
        await using var session = await fixture.NewSessionAsync();
        await session.GotoAsync(path);

        var canvases = await session.Page.Locator("canvas").EvaluateAllAsync<string?[][]>(
            "(all) => all.map((c) => [c.id, c.getAttribute('role'), c.getAttribute('aria-label')])");

        Assert.NotEmpty(canvases);
        Assert.All(canvases, c =>
        {
            Assert.True(c[1] == "img", $"canvas {c[0]} has role '{c[1]}'");
            Assert.False(string.IsNullOrWhiteSpace(c[2]), $"canvas {c[0]} has no aria-label");
        });
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Methodology")]
    [InlineData("/Account/SignIn")]
    public async Task Skip_link_is_the_first_thing_tab_reaches_and_leads_to_the_main_content(string path)
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.GotoAsync(path);

        await page.Keyboard.PressAsync("Tab");

        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.matches('.skip-link')"), "Tab did not focus the skip link first");
        Assert.True(await page.Locator(".skip-link").IsVisibleAsync(), "the focused skip link is not visible");
        await page.Keyboard.PressAsync("Enter");

        // The fragment is set by the browser after the key press: wait for it (a loaded machine can take a moment).
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("#main$"), new() { Timeout = 10_000 });
        Assert.EndsWith("#main", page.Url, StringComparison.Ordinal);
    }
}
