using EmploymentDashboard.BrowserTests.Infrastructure;

namespace EmploymentDashboard.BrowserTests;

/// <summary>Signing in through the real form (antiforgery token and cookie handled by the browser).</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInTests(DashboardBrowserFixture fixture)
{
    [Fact]
    public async Task Anonymous_visitor_sees_the_public_view()
    {
        await using var session = await fixture.NewSessionAsync();
        await session.GotoAsync("/");

        Assert.True(await session.Page.Locator("[data-audience='public']").IsVisibleAsync());
        Assert.Equal(0, await session.Page.Locator("[data-audience='staff']").CountAsync());
        await session.AssertNoProblemsAsync();
    }

    [Fact]
    public async Task Staff_member_signs_in_through_the_form_and_sees_the_staff_view()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.GotoAsync("/Account/SignIn");

        await page.Locator("#email").FillAsync("staff@demo.local");
        await page.Locator("#password").FillAsync("Staff-Tulip-Orbit-2025");
        await page.Locator("main form button[type='submit']").ClickAsync();
        await page.Locator("[data-audience='staff']").WaitForAsync();

        Assert.Equal(0, await page.Locator("[data-problem]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-audience='public']").CountAsync());
        Assert.Equal("staff@demo.local", (await page.Locator("[data-user]").InnerTextAsync()).Trim());
        await session.GotoAsync("/");
        Assert.True(await page.Locator("[data-audience='staff']").IsVisibleAsync());
        await session.AssertNoProblemsAsync();
    }
}
