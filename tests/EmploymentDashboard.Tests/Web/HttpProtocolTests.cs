using System.Net;
using EmploymentDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EmploymentDashboard.Tests.Web;

/// <summary>No Server header; pages answer only GET, HEAD and POST.</summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class HttpProtocolTests(DemoDatabaseFixture fixture)
{
    [Fact]
    public void Kestrel_sends_no_server_header()
    {
        _ = fixture.App.CreatePlainClient();

        Assert.False(fixture.App.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);
    }

    [Theory]
    [InlineData("TRACE", "/")]
    [InlineData("PUT", "/")]
    [InlineData("DELETE", "/Quotas")]
    [InlineData("PUT", "/Account/SignIn")]
    [InlineData("DELETE", "/Admin/Users")]
    [InlineData("PATCH", "/Methodology")]
    public async Task Other_methods_on_pages_answer_405_with_allow(string method, string url)
    {
        var response = await fixture.App.CreatePlainClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "POST"], response.Content.Headers.Allow.Order());
    }

    [Fact]
    public async Task Get_head_and_post_still_work()
    {
        var client = fixture.App.CreatePlainClient();

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/Methodology"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Methodology")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent([]))).StatusCode);
    }
}
