using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Web;

/// <summary>Log lines written during a request carry its request id and the user id, never the e-mail.</summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class RequestLogContextTests(DemoDatabaseFixture fixture)
{
    [Fact]
    public async Task Lines_during_a_request_carry_the_request_id_and_the_user_id_not_the_e_mail()
    {
        var sink = new CollectingSink();
        await using var app = new DashboardAppFactory(fixture.Database.ConnectionString) { LogSink = sink };
        var email = $"logged-{Guid.NewGuid():N}@test.local";
        var user = await app.CreateUserAsync(email, "Correct-Horse-42", DashboardRoles.Staff);
        var client = await app.SignedInClientAsync(email, "Correct-Horse-42");

        await client.GetAsync("/Methodology");
        await DashboardAppFactory.SignInAsync(app.CreatePlainClient(), email, "Wrong-Guess-Password-1");

        var duringRequests = sink.Events.Where(e => e.Properties.ContainsKey("RequestPath")).ToList();
        Assert.NotEmpty(duringRequests);
        Assert.All(duringRequests, e => Assert.True(e.Properties.ContainsKey("RequestId"), e.RenderMessage()));
        var page = Assert.Single(duringRequests, e => e.Properties["RequestPath"].ToString() == "\"/Methodology\"");
        Assert.Equal($"\"{user.Id}\"", page.Properties["UserId"].ToString());
        var failure = Assert.Single(sink.Events, e => e.MessageTemplate.Text.StartsWith("Sign-in failed", StringComparison.Ordinal));
        Assert.True(failure.Properties.ContainsKey("RequestId"));
        Assert.Equal("\"anonymous\"", failure.Properties["UserId"].ToString());
        Assert.DoesNotContain(sink.Events, e => (e.RenderMessage() + string.Join(" ", e.Properties.Values)).Contains(email, StringComparison.OrdinalIgnoreCase));
    }
}
