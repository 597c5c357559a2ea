using System.Net;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Web;

/// <summary>
/// Two web instances as separate processes (separate HOMEs, as on two machines) against one database, as behind a
/// load balancer: a session cookie issued by one is accepted by the other, and a sign-out on one ends the session
/// on the other.
/// </summary>
public sealed class SeveralInstancesTests
{
    private const string Email = "two-instances@test.local";
    private const string Password = "Twin-Harbour-Lantern-58";
    private const string AuthCookie = "EmploymentDashboard.Auth";

    [Fact]
    public async Task A_cookie_from_one_instance_opens_staff_pages_on_another_and_a_sign_out_on_one_ends_it_on_both()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var setup = new DashboardAppFactory(database.ConnectionString))
        {
            await setup.CreateUserAsync(Email, Password, DashboardRoles.Analyst);
        }

        await using var first = await WebProcess.StartAsync(database.ConnectionString);
        await using var second = await WebProcess.StartAsync(database.ConnectionString);

        var firstJar = new CookieJar();
        using var onFirst = first.CreateClient(firstJar);
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardAppFactory.SignInAsync(onFirst, Email, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onFirst.GetAsync("/Quotas")).StatusCode);

        // The same browser, sent to the other instance by the load balancer.
        var secondJar = new CookieJar { [AuthCookie] = firstJar[AuthCookie] ?? throw new InvalidOperationException("No session cookie after sign-in.") };
        using var onSecond = second.CreateClient(secondJar);
        var quotas = await onSecond.GetAsync("/Quotas");
        Assert.Equal(HttpStatusCode.OK, quotas.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/Exports")).StatusCode);
        Assert.Contains(Email, await quotas.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await database.ScalarAsync("SELECT count(*) FROM data_protection_keys") >= 1);

        var token = await DashboardAppFactory.AntiforgeryTokenAsync(onFirst, "/Account/SignOut");
        var signOut = await onFirst.PostAsync("/Account/SignOut", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        Assert.DoesNotContain(Email, await onSecond.GetStringAsync("/Quotas"), StringComparison.Ordinal);
        var afterSignOut = await onSecond.GetAsync("/Exports");
        Assert.Equal(HttpStatusCode.Redirect, afterSignOut.StatusCode);
        Assert.StartsWith("/Account/SignIn", afterSignOut.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
