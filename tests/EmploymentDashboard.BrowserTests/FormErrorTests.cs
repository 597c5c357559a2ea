using EmploymentDashboard.BrowserTests.Infrastructure;

namespace EmploymentDashboard.BrowserTests;

/// <summary>
/// A rejected form (sign-in, a new account, a bad filter) says so in the page title, moves focus to a
/// summary of what went wrong, marks the fields aria-invalid and points them to the message, all in the
/// page's language: the browser's own validation bubbles (in the browser's language) never show.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FormErrorTests(DashboardBrowserFixture fixture)
{
    private static readonly Dictionary<string, string> ErrorPrefix = new() { ["ru"] = "Ошибка: ", ["kk"] = "Қате: ", ["en"] = "Error: " };

    private static readonly Dictionary<string, string> FillBoth = new()
    {
        ["ru"] = "Введите адрес электронной почты и пароль.",
        ["kk"] = "Электрондық пошта мекенжайы мен құпиясөзді енгізіңіз.",
        ["en"] = "Enter your e-mail address and password.",
    };

    [Theory]
    [InlineData("ru")]
    [InlineData("kk")]
    [InlineData("en")]
    public async Task Empty_sign_in_form_is_answered_by_the_server_in_the_page_language(string language)
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.GotoAsync($"/Account/SignIn?lang={language}");
        Assert.False((await page.TitleAsync()).StartsWith(ErrorPrefix[language], StringComparison.Ordinal), "the untouched form's title already says error");

        // No browser bubble stops the empty form: it reaches the server, which answers in the page's language.
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.Locator("main form button[type='submit']").ClickAsync(),
            r => r.Request.Method == "POST");
        await page.WaitForLoadStateAsync();

        Assert.Equal(400, answer.Status);
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        Assert.StartsWith(ErrorPrefix[language], await page.TitleAsync(), StringComparison.Ordinal);
        await AssertFocusOnSummaryAsync(session, FillBoth[language]);
        foreach (var field in new[] { "#email", "#password" })
        {
            await AssertFieldPointsToMessageAsync(session, field, FillBoth[language]);
        }
    }

    [Fact]
    public async Task Rejected_new_account_marks_its_fields_and_moves_focus_to_the_summary()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.SignInAsync(DashboardPages.AdminAccount.Email, DashboardPages.AdminAccount.Password);
        await session.GotoAsync("/Admin/Users/Create?lang=kk");
        await page.Locator("#email").FillAsync("not-an-address");

        await page.RunAndWaitForResponseAsync(() => page.Locator("main form button[type='submit']").ClickAsync(), r => r.Request.Method == "POST");
        await page.WaitForLoadStateAsync();

        const string message = "Пішінді тексеріңіз: дұрыс мекенжай, құпиясөз және тізімнен кемінде бір рөл қажет.";
        Assert.StartsWith(ErrorPrefix["kk"], await page.TitleAsync(), StringComparison.Ordinal);
        await AssertFocusOnSummaryAsync(session, message);
        await AssertFieldPointsToMessageAsync(session, "#email", message);
        await AssertFieldPointsToMessageAsync(session, "#password", message);
        await AssertFieldPointsToMessageAsync(session, "main fieldset", message);
        Assert.Null(await page.Locator("#name").GetAttributeAsync("aria-invalid"));
    }

    [Fact]
    public async Task Weak_password_for_a_new_account_is_explained_in_the_page_language()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.SignInAsync(DashboardPages.AdminAccount.Email, DashboardPages.AdminAccount.Password);
        await session.GotoAsync("/Admin/Users/Create?lang=kk");
        await page.Locator("#email").FillAsync($"weak-{Guid.NewGuid():N}@test.local");
        await page.Locator("#password").FillAsync("short1A");
        await page.Locator("input[name='Form.Roles']").First.CheckAsync();

        await page.RunAndWaitForResponseAsync(() => page.Locator("main form button[type='submit']").ClickAsync(), r => r.Request.Method == "POST");
        await page.WaitForLoadStateAsync();

        const string message = "Құпиясөз кемінде 12 таңбадан тұруы керек.";
        await AssertFocusOnSummaryAsync(session, message);
        await AssertFieldPointsToMessageAsync(session, "#password", message);
        Assert.Null(await page.Locator("#email").GetAttributeAsync("aria-invalid"));
    }

    [Theory]
    [InlineData("/?from=2024-13&lang=kk", "kk")]
    [InlineData("/Districts?year=1800&lang=en", "en")]
    [InlineData("/Measures/vacancy?sex=x&lang=ru", "ru")]
    public async Task Rejected_filter_says_error_in_the_title_and_focuses_the_explanation(string path, string language)
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;

        var response = await page.GotoAsync(path);

        Assert.Equal(400, response!.Status);
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        Assert.StartsWith(ErrorPrefix[language], await page.TitleAsync(), StringComparison.Ordinal);
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.matches('[data-error-summary]')");
    }

    [Theory]
    [InlineData("ru", "«Женщины»", "«Мужчины»")]
    [InlineData("kk", "«Әйелдер»", "«Ерлер»")]
    [InlineData("en", "“Women”", "“Men”")]
    public async Task Unknown_sex_names_the_choices_in_the_page_language(string language, string women, string men)
    {
        await using var session = await fixture.NewSessionAsync();
        await session.Page.GotoAsync($"/?sex=other&lang={language}");

        var problem = await session.Page.Locator("[data-problem]").InnerTextAsync();

        Assert.Contains(women, problem, StringComparison.Ordinal);
        Assert.Contains(men, problem, StringComparison.Ordinal);
    }

    private static async Task AssertFocusOnSummaryAsync(BrowserSession session, string message)
    {
        await session.Page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.matches('[data-error-summary]')");
        Assert.Contains(message, await session.Page.Locator("[data-error-summary]").InnerTextAsync(), StringComparison.Ordinal);
    }

    private static async Task AssertFieldPointsToMessageAsync(BrowserSession session, string selector, string message)
    {
        var field = session.Page.Locator(selector).First;
        Assert.Equal("true", await field.GetAttributeAsync("aria-invalid"));
        var description = await field.EvaluateAsync<string>(
            "(e) => (e.getAttribute('aria-describedby') || '').split(' ').filter((id) => id).map((id) => document.getElementById(id)?.textContent ?? '').join(' ')");
        Assert.Contains(message, description, StringComparison.Ordinal);
    }
}
