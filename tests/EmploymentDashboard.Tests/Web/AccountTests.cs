using System.Net;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EmploymentDashboard.Tests.Web;

/// <summary>Sign-in, lockout, disabled accounts, administration and antiforgery, through the real pages.</summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class AccountTests(DemoDatabaseFixture fixture)
{
    private const string Password = "Correct-Horse-42";

    private DashboardAppFactory App => fixture.App;

    private static string NewEmail(string what) => $"{what}-{Guid.NewGuid():N}@test.local";

    [Fact]
    public async Task Staff_can_sign_in_and_see_the_staff_view()
    {
        var email = NewEmail("staff");
        await App.CreateUserAsync(email, Password, DashboardRoles.Staff);
        var client = App.CreatePlainClient();

        var response = await DashboardAppFactory.SignInAsync(client, email, Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var page = await HtmlPage.ParseAsync(await client.GetStringAsync("/"));
        Assert.NotNull(page.QuerySelector("[data-audience='staff']"));
        Assert.Null(page.QuerySelector("[data-audience='public']"));
        Assert.Equal(email, page.QuerySelector("[data-user]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Anonymous_visitors_see_the_public_view_marker()
    {
        var page = await HtmlPage.ParseAsync(await App.CreatePlainClient().GetStringAsync("/"));

        Assert.NotNull(page.QuerySelector("[data-audience='public']"));
        Assert.NotNull(page.QuerySelector("[data-audience='public'] a[href='/Methodology#small-counts']"));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_generic_message()
    {
        var email = NewEmail("wrong");
        await App.CreateUserAsync(email, Password, DashboardRoles.Staff);
        var client = App.CreatePlainClient();

        var response = await DashboardAppFactory.SignInAsync(client, email, "Not-The-Password-1");
        var page = await HtmlPage.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(page.QuerySelector("[data-problem]"));
        var unknown = await DashboardAppFactory.SignInAsync(App.CreatePlainClient(), NewEmail("nobody"), "Not-The-Password-1");
        var unknownPage = await HtmlPage.ParseAsync(await unknown.Content.ReadAsStringAsync());
        Assert.Equal(page.QuerySelector("[data-problem]")!.TextContent, unknownPage.QuerySelector("[data-problem]")!.TextContent);
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_and_loses_an_open_session()
    {
        var email = NewEmail("disabled");
        var user = await App.CreateUserAsync(email, Password, DashboardRoles.Staff);
        var session = await App.SignedInClientAsync(email, Password);
        Assert.NotNull((await HtmlPage.ParseAsync(await session.GetStringAsync("/"))).QuerySelector("[data-audience='staff']"));

        using (var scope = App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
            var stored = (await users.FindByIdAsync(user.Id))!;
            stored.IsDisabled = true;
            await users.UpdateAsync(stored);
            await users.UpdateSecurityStampAsync(stored);
        }

        Assert.NotNull((await HtmlPage.ParseAsync(await session.GetStringAsync("/"))).QuerySelector("[data-audience='public']"));
        Assert.Equal(HttpStatusCode.BadRequest, (await DashboardAppFactory.SignInAsync(App.CreatePlainClient(), email, Password)).StatusCode);
    }

    [Fact]
    public async Task An_administrator_disables_a_user_through_the_users_page()
    {
        var adminEmail = NewEmail("admin");
        await App.CreateUserAsync(adminEmail, Password, DashboardRoles.Admin);
        var targetEmail = NewEmail("target");
        var target = await App.CreateUserAsync(targetEmail, Password, DashboardRoles.Staff);
        var admin = await App.SignedInClientAsync(adminEmail, Password);

        var token = await DashboardAppFactory.AntiforgeryTokenAsync(admin, $"/Admin/Users/Edit/{target.Id}");
        var response = await admin.PostAsync($"/Admin/Users/Edit/{target.Id}?handler=Disable", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await HtmlPage.ParseAsync(await admin.GetStringAsync("/Admin/Users"));
        Assert.NotNull(list.QuerySelector($"tr[data-user='{targetEmail}']"));
        Assert.Equal(HttpStatusCode.BadRequest, (await DashboardAppFactory.SignInAsync(App.CreatePlainClient(), targetEmail, Password)).StatusCode);
    }

    [Fact]
    public async Task An_administrator_creates_a_user_with_a_role_and_a_weak_password_is_refused()
    {
        var adminEmail = NewEmail("admin");
        await App.CreateUserAsync(adminEmail, Password, DashboardRoles.Admin);
        var admin = await App.SignedInClientAsync(adminEmail, Password);
        var newEmail = NewEmail("analyst");

        async Task<HttpResponseMessage> CreateAsync(string password)
        {
            var token = await DashboardAppFactory.AntiforgeryTokenAsync(admin, "/Admin/Users/Create");
            return await admin.PostAsync("/Admin/Users/Create", new FormUrlEncodedContent(
            [
                new("Form.Email", newEmail),
                new("Form.Password", password),
                new("Form.Roles", DashboardRoles.Analyst),
                new("__RequestVerificationToken", token),
            ]));
        }

        var weak = await CreateAsync("short");
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.NotNull((await HtmlPage.ParseAsync(await weak.Content.ReadAsStringAsync())).QuerySelector("[data-problem]"));

        Assert.Equal(HttpStatusCode.Redirect, (await CreateAsync(Password)).StatusCode);
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var created = await users.FindByEmailAsync(newEmail);
        Assert.NotNull(created);
        Assert.Equal([DashboardRoles.Analyst], await users.GetRolesAsync(created));
    }

    [Fact]
    public async Task An_administrator_resets_a_password_and_a_weak_one_changes_nothing()
    {
        var adminEmail = NewEmail("admin");
        await App.CreateUserAsync(adminEmail, Password, DashboardRoles.Admin);
        var targetEmail = NewEmail("reset");
        var target = await App.CreateUserAsync(targetEmail, Password, DashboardRoles.Staff);
        var admin = await App.SignedInClientAsync(adminEmail, Password);

        async Task<HttpResponseMessage> ResetAsync(string newPassword)
        {
            var token = await DashboardAppFactory.AntiforgeryTokenAsync(admin, $"/Admin/Users/Edit/{target.Id}");
            return await admin.PostAsync($"/Admin/Users/Edit/{target.Id}?handler=ResetPassword", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["newPassword"] = newPassword,
                ["__RequestVerificationToken"] = token,
            }));
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await ResetAsync("weak")).StatusCode);
        await App.SignedInClientAsync(targetEmail, Password);

        Assert.Equal(HttpStatusCode.Redirect, (await ResetAsync("Brand-New-Password-7")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await DashboardAppFactory.SignInAsync(App.CreatePlainClient(), targetEmail, Password)).StatusCode);
        await App.SignedInClientAsync(targetEmail, "Brand-New-Password-7");
    }

    [Fact]
    public async Task Demo_accounts_are_never_created_outside_development()
    {
        await using var production = new DashboardAppFactory(fixture.Database.ConnectionString, settings: new Dictionary<string, string> { ["Dashboard:CreateDemoAccounts"] = "true" });
        production.CreatePlainClient();

        using var scope = production.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        Assert.Null(await users.FindByEmailAsync("staff@demo.local"));
        Assert.Null(await users.FindByEmailAsync("admin@demo.local"));
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_rejected()
    {
        var email = NewEmail("csrf");
        await App.CreateUserAsync(email, Password, DashboardRoles.Staff);

        var response = await App.CreatePlainClient().PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Email"] = email,
            ["Form.Password"] = Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("EmploymentDashboard.Auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Sign_out_needs_a_post_with_antiforgery()
    {
        var email = NewEmail("signout");
        await App.CreateUserAsync(email, Password, DashboardRoles.Staff);
        var client = await App.SignedInClientAsync(email, Password);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/SignOut")).StatusCode);
        Assert.NotNull((await HtmlPage.ParseAsync(await client.GetStringAsync("/"))).QuerySelector("[data-audience='staff']"));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/Account/SignOut", new FormUrlEncodedContent([]))).StatusCode);

        var token = await DashboardAppFactory.AntiforgeryTokenAsync(client, "/Account/SignOut");
        var response = await client.PostAsync("/Account/SignOut", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull((await HtmlPage.ParseAsync(await client.GetStringAsync("/"))).QuerySelector("[data-audience='public']"));
    }

    [Fact]
    public async Task Auth_and_culture_cookies_are_http_only_secure_and_same_site()
    {
        var email = NewEmail("cookies");
        await App.CreateUserAsync(email, Password, DashboardRoles.Staff);
        var response = await DashboardAppFactory.SignInAsync(App.CreatePlainClient(), email, Password);

        var auth = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("EmploymentDashboard.Auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", auth, StringComparison.Ordinal);
        Assert.Contains("secure", auth, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", auth, StringComparison.Ordinal);
    }
}

/// <summary>Sign-in is rate limited per client address; this app instance allows only three attempts a minute.</summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class SignInRateLimitTests(DemoDatabaseFixture fixture)
{
    [Fact]
    public async Task Too_many_sign_in_attempts_get_429_with_retry_after()
    {
        await using var app = new DashboardAppFactory(fixture.Database.ConnectionString, signInAttemptsPerMinute: 3);
        var client = app.CreatePlainClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await DashboardAppFactory.SignInAsync(client, $"nobody{i}@test.local", "Wrong-Password-1")).StatusCode);
        }

        var limited = await DashboardAppFactory.SignInAsync(client, "nobody@test.local", "Wrong-Password-1");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);

        // Reading the form is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/SignIn")).StatusCode);
    }
}
