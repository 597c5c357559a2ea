using System.Net;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Tests.Infrastructure;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmploymentDashboard.Tests.Web;

/// <summary>
/// Sessions end when they must: a copy of a session cookie saved before a sign-out, a disable, a role
/// change or a password reset is refused at its next use; idle sessions end after 30 minutes and every
/// session after 12 hours, however active.
/// </summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class SessionTests(DemoDatabaseFixture fixture)
{
    private const string Password = "Correct-Horse-42";

    private DashboardAppFactory App => fixture.App;

    private static string NewEmail(string what) => $"{what}-{Guid.NewGuid():N}@test.local";

    [Fact]
    public async Task Sign_out_ends_every_session_of_the_account_including_saved_cookies()
    {
        var email = NewEmail("signout");
        await App.CreateUserAsync(email, Password, DashboardRoles.Staff);
        var browser = App.CreatePlainClient();
        var first = AuthCookie(await DashboardAppFactory.SignInAsync(browser, email, Password));
        var second = AuthCookie(await DashboardAppFactory.SignInAsync(App.CreatePlainClient(), email, Password));
        Assert.Equal("staff", await AudienceWithCookieAsync(App, first));
        Assert.Equal("staff", await AudienceWithCookieAsync(App, second));

        var token = await DashboardAppFactory.AntiforgeryTokenAsync(browser, "/Account/SignOut");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/Account/SignOut", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }))).StatusCode);

        Assert.Equal("public", await AudienceWithCookieAsync(App, first));
        Assert.Equal("public", await AudienceWithCookieAsync(App, second));
        Assert.Equal(HttpStatusCode.Redirect, (await OpenWithCookieAsync(App, first, "/Exports")).StatusCode);
    }

    [Theory]
    [InlineData("Disable", null)]
    [InlineData("Roles", "roles")]
    [InlineData("ResetPassword", "newPassword")]
    public async Task An_administrators_change_ends_the_accounts_open_sessions_at_once(string handler, string? field)
    {
        var adminEmail = NewEmail("admin");
        await App.CreateUserAsync(adminEmail, Password, DashboardRoles.Admin);
        var targetEmail = NewEmail("target");
        var target = await App.CreateUserAsync(targetEmail, Password, DashboardRoles.Staff, DashboardRoles.Analyst);
        var saved = AuthCookie(await DashboardAppFactory.SignInAsync(App.CreatePlainClient(), targetEmail, Password));
        Assert.Equal(HttpStatusCode.OK, (await OpenWithCookieAsync(App, saved, "/Exports")).StatusCode);

        var admin = await App.SignedInClientAsync(adminEmail, Password);
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = await DashboardAppFactory.AntiforgeryTokenAsync(admin, $"/Admin/Users/Edit/{target.Id}") };
        if (field is not null)
        {
            form[field] = field == "roles" ? DashboardRoles.Staff : "A-Brand-New-Passphrase-9";
        }

        var response = await admin.PostAsync($"/Admin/Users/Edit/{target.Id}?handler={handler}", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        Assert.Equal("public", await AudienceWithCookieAsync(App, saved));
        Assert.Equal(HttpStatusCode.Redirect, (await OpenWithCookieAsync(App, saved, "/Exports")).StatusCode);
    }

    [Fact]
    public async Task An_idle_session_ends_after_thirty_minutes()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var app = WithClock(clock);
        var email = NewEmail("idle");
        await app.CreateUserAsync(email, Password, DashboardRoles.Staff);
        var saved = AuthCookie(await DashboardAppFactory.SignInAsync(app.CreatePlainClient(), email, Password));

        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal("staff", await AudienceWithCookieAsync(app, saved));

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("public", await AudienceWithCookieAsync(app, saved));
    }

    [Fact]
    public async Task Activity_never_extends_a_session_past_twelve_hours()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var app = WithClock(clock);
        var email = NewEmail("absolute");
        await app.CreateUserAsync(email, Password, DashboardRoles.Staff);
        var browser = app.CreatePlainClient();
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardAppFactory.SignInAsync(browser, email, Password)).StatusCode);

        // A request every 20 minutes keeps the sliding cookie fresh (the browser stores each renewal) ...
        var renewals = 0;
        for (var elapsed = TimeSpan.FromMinutes(20); elapsed < SessionLifetime.AbsoluteLifetime; elapsed += TimeSpan.FromMinutes(20))
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            var response = await browser.GetAsync("/Methodology");
            renewals += response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("EmploymentDashboard.Auth=", StringComparison.Ordinal)) ? 1 : 0;
            Assert.Equal("staff", Audience(await HtmlPage.ParseAsync(await response.Content.ReadAsStringAsync())));
        }

        Assert.True(renewals > 10, $"the cookie was renewed only {renewals} times");

        // ... but not past 12 hours after the sign-in.
        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal("public", Audience(await HtmlPage.ParseAsync(await browser.GetStringAsync("/Methodology"))));
    }

    private DashboardAppFactory WithClock(ManualClock clock) => new(fixture.Database.ConnectionString) { Clock = clock };

    /// <summary>The auth cookie ("name=value") the response set.</summary>
    private static string AuthCookie(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("EmploymentDashboard.Auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    /// <summary>Opens a page with nothing but the given cookie, as an attacker replaying a saved copy would.</summary>
    private static async Task<HttpResponseMessage> OpenWithCookieAsync(DashboardAppFactory app, string cookie, string url)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://dashboard.test") });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private static async Task<string> AudienceWithCookieAsync(DashboardAppFactory app, string cookie)
    {
        var response = await OpenWithCookieAsync(app, cookie, "/Methodology");
        return Audience(await HtmlPage.ParseAsync(await response.Content.ReadAsStringAsync()));
    }

    private static string Audience(AngleSharp.Dom.IDocument page) =>
        page.QuerySelector("[data-audience]")?.GetAttribute("data-audience") ?? "none";
}
