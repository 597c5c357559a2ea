using System.Net;
using EmploymentDashboard.Tests.Infrastructure;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace EmploymentDashboard.Tests.Web;

/// <summary>
/// Behind the akimat's TLS proxy: forwarded headers count only from the configured proxies, so the
/// scheme is https (HSTS, Secure cookies) and each client keeps its own address for rate limiting;
/// a Host the app does not serve is refused instead of being echoed into redirects.
/// </summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class ReverseProxyTests(DemoDatabaseFixture fixture)
{
    private const string Proxy = "10.9.0.2";

    [Fact]
    public async Task Https_forwarded_by_a_known_proxy_gets_hsts_and_secure_cookies()
    {
        await using var app = Behind(signInAttemptsPerMinute: 10_000);

        var proxied = await SendAsync(app, Proxy, "198.51.100.7", "https", "/Methodology?lang=en");
        Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
        Assert.True(proxied.Headers.Contains("Strict-Transport-Security"));
        var language = proxied.Headers.GetValues("Set-Cookie").Single(c => c.Contains("Culture", StringComparison.OrdinalIgnoreCase) || c.Contains("lang", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("secure", language.ToLowerInvariant(), StringComparison.Ordinal);

        // The same headers from an address that is not a configured proxy are not believed.
        var spoofed = await SendAsync(app, "10.50.0.1", "198.51.100.7", "https", "/Methodology?lang=en");
        Assert.False(spoofed.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain("secure", spoofed.Headers.GetValues("Set-Cookie").Single(c => c.Contains("Culture", StringComparison.OrdinalIgnoreCase) || c.Contains("lang", StringComparison.OrdinalIgnoreCase)).ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clients_behind_a_known_proxy_have_their_own_sign_in_rate_limit()
    {
        await using var app = Behind(signInAttemptsPerMinute: 2);

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await SignInThroughAsync(app, Proxy, "198.51.100.7")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInThroughAsync(app, Proxy, "198.51.100.7")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SignInThroughAsync(app, Proxy, "198.51.100.8")).StatusCode);

        // A client talking to the app directly cannot escape its limit by inventing X-Forwarded-For.
        Assert.Equal(HttpStatusCode.BadRequest, (await SignInThroughAsync(app, "192.0.2.9", "198.51.100.20")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SignInThroughAsync(app, "192.0.2.9", "198.51.100.21")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInThroughAsync(app, "192.0.2.9", "198.51.100.22")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_host_is_refused_and_redirects_never_name_a_host()
    {
        var client = fixture.App.CreatePlainClient();

        using var evil = new HttpRequestMessage(HttpMethod.Get, "/Exports");
        evil.Headers.Host = "evil.example";
        var refused = await client.SendAsync(evil);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(refused.Headers.Location);

        var challenge = await client.GetAsync("/Exports");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.False(challenge.Headers.Location!.IsAbsoluteUri, challenge.Headers.Location.ToString());
        Assert.StartsWith("/Account/SignIn?ReturnUrl=", challenge.Headers.Location.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_proxy_setting_is_described_in_one_line()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ReverseProxy:KnownNetworks"] = "172.18.0.0/16;10.0.0/8x" })
            .Build();

        Assert.Contains("10.0.0/8x", ReverseProxy.DescribeConfigurationProblem(configuration), StringComparison.Ordinal);
        Assert.Null(ReverseProxy.DescribeConfigurationProblem(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ReverseProxy:KnownProxies:0"] = "10.9.0.2" }).Build()));
    }

    private DashboardAppFactory Behind(int signInAttemptsPerMinute) => new(
        fixture.Database.ConnectionString,
        signInAttemptsPerMinute: signInAttemptsPerMinute,
        settings: new Dictionary<string, string> { ["ReverseProxy:KnownProxies:0"] = Proxy });

    /// <summary>A plain-HTTP request arriving from <paramref name="peer"/>, carrying the proxy's forwarded headers.</summary>
    private static async Task<HttpResponseMessage> SendAsync(DashboardAppFactory app, string peer, string forwardedFor, string forwardedProto, string url)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("http://dashboard.test") });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(TestPeerAddress.Header, peer);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> SignInThroughAsync(DashboardAppFactory app, string peer, string forwardedFor)
    {
        var client = app.CreatePlainClient(peer);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return await DashboardAppFactory.SignInAsync(client, $"nobody-{Guid.NewGuid():N}@test.local", "Wrong-Password-1");
    }
}
