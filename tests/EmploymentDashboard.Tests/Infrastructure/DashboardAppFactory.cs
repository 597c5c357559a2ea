using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EmploymentDashboard.Tests.Infrastructure;

/// <summary>Hosts the real web app in memory against a given database connection string.</summary>
public sealed class DashboardAppFactory(
    string connectionString,
    string environment = "Production",
    int signInAttemptsPerMinute = 10_000,
    IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>The app's clock when a test needs to move time (sessions, throttling); the system clock otherwise.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>A Serilog sink that receives every log event of the app, for tests of what is logged.</summary>
    public Serilog.Core.ILogEventSink? LogSink { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:Dashboard", connectionString);
        builder.UseSetting("Dashboard:ApplyMigrationsOnStartup", "false");
        builder.UseSetting("Dashboard:SeedDemoDataIfEmpty", "false");
        builder.UseSetting("AllowedHosts", "dashboard.test;localhost");
        builder.UseSetting("Dashboard:SignInAttemptsPerMinute", signInAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Test output stays readable: only warnings and errors from the app.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, TestPeerAddress>());
        if (Clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(Clock));
        }

        if (LogSink is not null)
        {
            // Serilog reads sinks registered as services (ReadFrom.Services); the level is lowered so that information lines arrive too.
            builder.UseSetting("Serilog:MinimumLevel:Default", "Information");
            builder.ConfigureTestServices(services => services.AddSingleton(LogSink));
        }
    }

    /// <summary>
    /// A client that does not follow redirects, so tests see exactly what the app answered. It keeps
    /// cookies and, like a separate machine, has its own client address (or the one given).
    /// </summary>
    public HttpClient CreatePlainClient(string? address = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://dashboard.test") });
        client.DefaultRequestHeaders.Add(TestPeerAddress.Header, address ?? TestPeerAddress.Random());
        return client;
    }

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

/// <summary>
/// The in-memory test server has no TCP peer; this gives each request the address in its
/// <see cref="Header"/> header, as if it came from that machine. It runs before the app's own middleware
/// (forwarded headers included), exactly where the real connection address would be.
/// </summary>
public sealed class TestPeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public static string Random() => $"10.{System.Random.Shared.Next(1, 255)}.{System.Random.Shared.Next(0, 256)}.{System.Random.Shared.Next(1, 255)}";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value) && System.Net.IPAddress.TryParse(value.ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
                context.Request.Headers.Remove(Header);
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
