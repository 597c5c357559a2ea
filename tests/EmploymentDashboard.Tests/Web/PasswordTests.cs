using System.Net;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EmploymentDashboard.Tests.Web;

/// <summary>
/// Length over composition (ASVS 2.1), guessable passwords refused, and a page where users change their
/// own password, which ends their other sessions.
/// </summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class PasswordTests(DemoDatabaseFixture fixture)
{
    private const string Password = "Correct-Horse-42";

    private DashboardAppFactory App => fixture.App;

    private static string NewEmail(string what) => $"{what}-{Guid.NewGuid():N}@test.local";

    [Theory]
    [InlineData("Password12345")]
    [InlineData("qwertyuiop123")]
    [InlineData("Karaganda2025!")]
    [InlineData("Qwerty123456!")]
    [InlineData("aaaaaaaaaaaaaaaa")]
    [InlineData("1234567890123")]
    public async Task Common_and_patterned_passwords_are_refused_whatever_their_character_classes(string password)
    {
        var errors = await ValidateAsync(password);

        Assert.Contains("PasswordTooGuessable", errors);
    }

    [Fact]
    public async Task A_password_made_of_the_accounts_own_e_mail_is_refused()
    {
        Assert.Contains("PasswordTooGuessable", await ValidateAsync("zhanar.bekova2025", email: "zhanar.bekova@akimat.kz"));
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("синий трактор едет в Темиртау")]
    [InlineData("көктемде дала гүлдейді ерте")]
    [InlineData("lantern cobalt orbit meadow granite river tulip harbour falcon ..")]
    public async Task Long_passphrases_without_upper_case_or_digits_are_accepted(string password)
    {
        Assert.True(password.Length >= 12);
        Assert.Empty(await ValidateAsync(password));
    }

    [Fact]
    public async Task Passphrases_up_to_256_characters_are_accepted_and_longer_ones_refused_with_a_message()
    {
        var words = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"слово{i}"));
        Assert.Empty(await ValidateAsync(words[..256]));
        Assert.Contains("PasswordTooLong", await ValidateAsync(words[..257]));
    }

    [Fact]
    public async Task A_user_changes_their_own_password_and_their_other_sessions_end()
    {
        var email = NewEmail("changer");
        await App.CreateUserAsync(email, Password, DashboardRoles.Staff);
        var here = await App.SignedInClientAsync(email, Password);
        var elsewhere = await App.SignedInClientAsync(email, Password);
        const string fresh = "lantern cobalt orbit meadow";

        var response = await ChangeAsync(here, Password, fresh, fresh);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await HtmlPage.ParseAsync(await here.GetStringAsync("/Account/Password"));
        Assert.NotNull(page.QuerySelector("[data-changed]"));
        Assert.NotNull(page.QuerySelector("[data-audience='staff']"));
        Assert.NotNull((await HtmlPage.ParseAsync(await elsewhere.GetStringAsync("/Methodology"))).QuerySelector("[data-audience='public']"));
        Assert.Equal(HttpStatusCode.BadRequest, (await DashboardAppFactory.SignInAsync(App.CreatePlainClient(), email, Password)).StatusCode);
        await App.SignedInClientAsync(email, fresh);
    }

    [Theory]
    [InlineData("Not-The-Password-1", "lantern cobalt orbit meadow", "lantern cobalt orbit meadow", "current password is not correct")]
    [InlineData(Password, "lantern cobalt orbit meadow", "lantern cobalt orbit", "repetition differ")]
    [InlineData(Password, "Password12345", "Password12345", "too easy to guess")]
    [InlineData(Password, "short", "short", "at least 12 characters")]
    public async Task A_refused_change_says_why_in_the_users_language_and_changes_nothing(string current, string fresh, string confirmation, string message)
    {
        var email = NewEmail("refused");
        await App.CreateUserAsync(email, Password, DashboardRoles.Staff);
        var client = await App.SignedInClientAsync(email, Password);
        await client.GetAsync("/Methodology?lang=en");

        var response = await ChangeAsync(client, current, fresh, confirmation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await HtmlPage.ParseAsync(await response.Content.ReadAsStringAsync())).QuerySelector("[data-problem]")!.TextContent;
        Assert.Contains(message, problem, StringComparison.Ordinal);
        await App.SignedInClientAsync(email, Password);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var response = await App.CreatePlainClient().GetAsync("/Account/Password");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/SignIn", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> ChangeAsync(HttpClient client, string current, string fresh, string confirmation)
    {
        var token = await DashboardAppFactory.AntiforgeryTokenAsync(client, "/Account/Password");
        return await client.PostAsync("/Account/Password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.CurrentPassword"] = current,
            ["Form.NewPassword"] = fresh,
            ["Form.Confirmation"] = confirmation,
            ["__RequestVerificationToken"] = token,
        }));
    }

    private async Task<List<string>> ValidateAsync(string password, string? email = null)
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        email ??= NewEmail("candidate");
        var user = new DashboardUser { UserName = email, Email = email };
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors.Select(e => e.Code));
        }

        return errors;
    }
}
