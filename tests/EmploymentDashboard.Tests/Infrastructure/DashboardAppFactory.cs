using Microsoft.AspNetCore.Hosting;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EmploymentDashboard.Tests.Infrastructure;

/// <summary>Hosts the real web app in memory against a given database connection string.</summary>
public sealed class DashboardAppFactory(
    string connectionString,
    string environment = "Production",
    int signInAttemptsPerMinute = 10_000,
    IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:Dashboard", connectionString);
        builder.UseSetting("Dashboard:ApplyMigrationsOnStartup", "false");
        builder.UseSetting("Dashboard:SeedDemoDataIfEmpty", "false");
        builder.UseSetting("Dashboard:SignInAttemptsPerMinute", signInAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Test output stays readable: only warnings and errors from the app.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client that does not follow redirects, so tests see exactly what the app answered. It keeps cookies.</summary>
    public HttpClient CreatePlainClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://dashboard.test") });

    /// <summary>Creates an account with the given roles (or none) straight through Identity.</summary>
    public async Task<DashboardUser> CreateUserAsync(string email, string password, params string[] roles)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        await DashboardIdentity.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new DashboardUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow };
            DashboardIdentity.Check(await users.CreateAsync(user, password));
        }

        foreach (var role in roles.Where(r => !users.IsInRoleAsync(user, r).GetAwaiter().GetResult()))
        {
            DashboardIdentity.Check(await users.AddToRoleAsync(user, role));
        }

        return user;
    }

    /// <summary>A client signed in through the real sign-in form (antiforgery token included).</summary>
    public async Task<HttpClient> SignedInClientAsync(string email, string password)
    {
        var client = CreatePlainClient();
        var response = await SignInAsync(client, email, password);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}.");
        }

        return client;
    }

    /// <summary>Posts the sign-in form as a browser would, after fetching it for its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var token = await AntiforgeryTokenAsync(client, "/Account/SignIn");
        return await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Email"] = email,
            ["Form.Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>The antiforgery token of the first form on a page (the client keeps the matching cookie).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string url)
    {
        var page = await HtmlPage.ParseAsync(await client.GetStringAsync(url));
        return page.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {url}.");
    }
}
