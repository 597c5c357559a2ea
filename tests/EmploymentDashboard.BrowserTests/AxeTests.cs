using EmploymentDashboard.BrowserTests.Infrastructure;

namespace EmploymentDashboard.BrowserTests;

/// <summary>
/// axe-core (WCAG 2.2 A/AA and axe's best practices: heading order, unique landmark names, all content in
/// landmarks) finds nothing on any page, in any language, for any audience, with every filter panel open.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AxeTests(DashboardBrowserFixture fixture)
{
    [Theory]
    [InlineData("anonymous")]
    [InlineData("staff")]
    [InlineData("admin")]
    public async Task Axe_finds_no_violation_on_any_page_in_any_language(string audience)
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        string[] paths = audience switch
        {
            "staff" => [.. DashboardPages.Public.Where(p => p != "/Account/SignIn"), .. DashboardPages.Staff],
            "admin" => [.. DashboardPages.Public.Where(p => p != "/Account/SignIn"), .. DashboardPages.Staff, .. DashboardPages.Admin],
            _ => DashboardPages.Public,
        };
        if (audience != "anonymous")
        {
            var (email, password) = audience == "admin" ? DashboardPages.AdminAccount : DashboardPages.StaffAccount;
            await session.SignInAsync(email, password);
        }

        if (audience == "admin")
        {
            await session.GotoAsync("/Admin/Users");
            var edit = await page.Locator("main a[href^='/Admin/Users/']:not([href$='/Create'])").First.GetAttributeAsync("href");
            paths = [.. paths, edit!];
        }

        var violations = new List<string>();
        foreach (var language in DashboardPages.Languages)
        {
            foreach (var path in paths)
            {
                await session.GotoAsync(DashboardPages.InLanguage(path, language));
                await page.EvaluateAsync("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })");
                violations.AddRange(await AxeAudit.ViolationsAsync(page));
            }
        }

        Assert.True(violations.Count == 0, $"axe found {violations.Count} violations ({audience}):{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
        await session.AssertNoProblemsAsync();
    }

    [Theory]
    [InlineData("/nope")]
    [InlineData("/?year=1800")]
    public async Task Axe_finds_no_violation_on_the_error_pages(string path)
    {
        await using var session = await fixture.NewSessionAsync();
        var violations = new List<string>();
        foreach (var language in DashboardPages.Languages)
        {
            await session.Page.GotoAsync(DashboardPages.InLanguage(path, language));
            violations.AddRange(await AxeAudit.ViolationsAsync(session.Page));
        }

        Assert.True(violations.Count == 0, $"axe found {violations.Count} violations:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
    }
}
