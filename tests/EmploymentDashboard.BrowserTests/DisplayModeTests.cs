using EmploymentDashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EmploymentDashboard.BrowserTests;

/// <summary>
/// The high-contrast, large-text mode: a switch on every page, remembered in a cookie that the server
/// reads (so the page is in the mode from its first paint), meeting the enhanced (AAA) contrast; and the
/// system's own prefers-contrast and forced-colors settings.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DisplayModeTests(DashboardBrowserFixture fixture)
{
    [Fact]
    public async Task Switch_is_on_every_page_and_the_choice_is_remembered_from_the_first_paint()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        foreach (var path in DashboardPages.Public)
        {
            await session.GotoAsync(path);
            Assert.True(await page.Locator("[data-display-switch]").IsVisibleAsync(), $"no display switch on {path}");
        }

        await session.GotoAsync("/");
        var normalSize = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.documentElement).fontSize)");
        var toggle = page.Locator("[data-display-switch]");
        Assert.Equal("false", await toggle.GetAttributeAsync("aria-pressed"));
        await toggle.ClickAsync();
        Assert.Equal("true", await toggle.GetAttributeAsync("aria-pressed"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.classList.contains('high-contrast')"));
        var largeSize = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.documentElement).fontSize)");
        Assert.True(largeSize >= normalSize * 1.25, $"text {normalSize}px -> {largeSize}px");

        // The server marks the page itself: the HTML that arrives is already in the mode (no flash).
        var html = await (await session.Context.APIRequest.GetAsync("/Methodology")).TextAsync();
        Assert.Contains("class=\"high-contrast\"", html, StringComparison.Ordinal);
        await session.GotoAsync("/Methodology");
        Assert.Equal("true", await page.Locator("[data-display-switch]").GetAttributeAsync("aria-pressed"));

        // And switched off again, it stays off.
        await page.Locator("[data-display-switch]").ClickAsync();
        await session.GotoAsync("/");
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.classList.contains('high-contrast')"));
        await session.AssertNoProblemsAsync();
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData("admin")]
    public async Task High_contrast_mode_meets_the_enhanced_contrast_rule_on_every_page(string audience)
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        string[] paths = DashboardPages.Public;
        if (audience == "admin")
        {
            await session.SignInAsync(DashboardPages.AdminAccount.Email, DashboardPages.AdminAccount.Password);
            paths = [.. DashboardPages.Public.Where(p => p != "/Account/SignIn"), .. DashboardPages.Admin];
        }

        await session.Context.AddCookiesAsync([new Cookie { Name = "display", Value = "high-contrast", Url = fixture.BaseAddress.ToString() }]);
        var violations = new List<string>();
        foreach (var path in paths)
        {
            await session.GotoAsync(path);
            await page.EvaluateAsync("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })");
            violations.AddRange(await AxeAudit.EnhancedContrastViolationsAsync(page));
        }

        Assert.True(violations.Count == 0, $"{violations.Count} enhanced-contrast violations:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
        await session.AssertNoProblemsAsync();
    }

    [Fact]
    public async Task System_high_contrast_setting_meets_the_enhanced_contrast_rule()
    {
        await using var session = await fixture.NewSessionAsync(new BrowserNewContextOptions { Contrast = Contrast.More });
        var page = session.Page;
        var violations = new List<string>();
        foreach (var path in new[] { "/", "/Quotas", "/Methodology" })
        {
            await session.GotoAsync(path);
            await page.EvaluateAsync("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })");
            violations.AddRange(await AxeAudit.EnhancedContrastViolationsAsync(page));
        }

        Assert.True(violations.Count == 0, $"{violations.Count} enhanced-contrast violations:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
    }

    [Fact]
    public async Task Forced_colours_keep_a_system_coloured_focus_outline_and_button_borders()
    {
        await using var session = await fixture.NewSessionAsync(new BrowserNewContextOptions { ForcedColors = ForcedColors.Active });
        var page = session.Page;
        await session.GotoAsync("/");
        await page.Keyboard.PressAsync("Tab");
        var button = page.Locator(".chart-download").First;
        await button.FocusAsync();

        var style = await button.EvaluateAsync<string[]>("(e) => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, s.borderTopStyle, s.borderTopWidth]; }");

        Assert.Equal("solid", style[0]);
        Assert.Equal("3px", style[1]);
        Assert.Equal("solid", style[2]);
        Assert.NotEqual("0px", style[3]);
    }
}
