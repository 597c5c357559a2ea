using System.Net;
using EmploymentDashboard.Tests.Infrastructure;
using EmploymentDashboard.Web.Infrastructure;

namespace EmploymentDashboard.Tests.Web;

/// <summary>The benchmark's trivial endpoint exists only when Dashboard:BenchmarkEndpoints is true.</summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class BenchmarkEndpointTests(DemoDatabaseFixture fixture)
{
    [Fact]
    public async Task Is_not_found_by_default()
    {
        var response = await fixture.App.CreatePlainClient().GetAsync("/benchmark/bytes?length=100");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Is_not_found_when_the_setting_is_false()
    {
        await using var app = WithSetting("false");

        var response = await app.CreatePlainClient().GetAsync("/benchmark/bytes?length=100");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(123_457)]
    public async Task When_turned_on_answers_exactly_the_asked_number_of_bytes_of_html_to_anyone(int length)
    {
        await using var app = WithSetting("true");

        var response = await app.CreatePlainClient().GetAsync($"/benchmark/bytes?length={length}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(length, body.Length);
        Assert.All(body, b => Assert.True(b == '\n' || b is >= (byte)'a' and <= (byte)'z'));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?length=")]
    [InlineData("?length=-1")]
    [InlineData("?length=abc")]
    [InlineData("?length=16777217")]
    public async Task When_turned_on_refuses_a_missing_or_bad_length_with_a_clear_message(string query)
    {
        await using var app = WithSetting("true");

        var response = await app.CreatePlainClient().GetAsync($"/benchmark/bytes{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("length must be a whole number of bytes from 0 to 16777216", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private DashboardAppFactory WithSetting(string value) =>
        new(fixture.Database.ConnectionString, settings: new Dictionary<string, string> { [BenchmarkEndpoints.SettingKey] = value });
}
