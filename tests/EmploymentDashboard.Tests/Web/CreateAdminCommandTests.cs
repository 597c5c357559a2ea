using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Tests.Infrastructure;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EmploymentDashboard.Tests.Web;

/// <summary>The create-admin command: the way the first administrator comes to exist.</summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class CreateAdminCommandTests(DemoDatabaseFixture fixture)
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(IServiceProvider services, string[] args, string stdin)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AccountCommands.CreateAdminAsync(services, args, new StringReader(stdin), output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Creates_an_administrator_with_the_password_from_standard_input()
    {
        var email = $"first-admin-{Guid.NewGuid():N}@test.local";

        var (code, output, error) = await RunAsync(fixture.App.Services, ["--email", email], "First-Admin-Pass-1\n");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains(email, output, StringComparison.Ordinal);
        Assert.DoesNotContain("First-Admin-Pass-1", output, StringComparison.Ordinal);
        using var scope = fixture.App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var admin = (await users.FindByEmailAsync(email))!;
        Assert.True(await users.IsInRoleAsync(admin, DashboardRoles.Admin));
        await fixture.App.SignedInClientAsync(email, "First-Admin-Pass-1");
    }

    [Theory]
    [InlineData(new[] { "--email", "not-an-email" }, "Good-Password-123\n", "valid e-mail")]
    [InlineData(new string[0], "Good-Password-123\n", "valid e-mail")]
    [InlineData(new[] { "--email", "weak@test.local" }, "weak\n", "at least 12 characters")]
    [InlineData(new[] { "--email", "nopass@test.local" }, "", "no password")]
    [InlineData(new[] { "--email", "cli@test.local", "--password", "Good-Password-123" }, "", "never taken from the command line")]
    public async Task Refuses_bad_input_with_one_clear_line(string[] args, string stdin, string expected)
    {
        var (code, _, error) = await RunAsync(fixture.App.Services, args, stdin);

        Assert.NotEqual(0, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Refuses_an_address_that_already_has_an_account()
    {
        var email = $"twice-{Guid.NewGuid():N}@test.local";
        Assert.Equal(0, (await RunAsync(fixture.App.Services, ["--email", email], "First-Admin-Pass-1\n")).Code);

        var (code, _, error) = await RunAsync(fixture.App.Services, ["--email", email], "First-Admin-Pass-2\n");

        Assert.Equal(1, code);
        Assert.Contains("already exists", error, StringComparison.Ordinal);
    }
}
