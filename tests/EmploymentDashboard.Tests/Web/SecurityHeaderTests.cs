using System.Net;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Web;

/// <summary>Security headers on a sample of responses: pages, errors, static files, health.</summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class SecurityHeaderTests(DemoDatabaseFixture fixture)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/?lang=en")]
    [InlineData("/?year=abc")]
    [InlineData("/Account/SignIn")]
    [InlineData("/Admin/Users")]
    [InlineData("/no-such-page")]
    [InlineData("/css/site.css")]
    [InlineData("/js/charts.js")]
    [InlineData("/health")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        var response = await fixture.App.CreatePlainClient().GetAsync(url);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_have_no_inline_script_so_the_policy_can_forbid_it()
    {
        var page = await HtmlPage.ParseAsync(await fixture.App.CreatePlainClient().GetStringAsync("/"));

        foreach (var script in page.QuerySelectorAll("script"))
        {
            var executable = script.GetAttribute("type") is null or "text/javascript" or "module";
            Assert.False(executable && script.GetAttribute("src") is null, "An inline executable script would be blocked by the Content-Security-Policy.");
        }

        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task No_hsts_in_development()
    {
        await using var app = new DashboardAppFactory(fixture.Database.ConnectionString, environment: "Development");

        var response = await app.CreatePlainClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }
}
