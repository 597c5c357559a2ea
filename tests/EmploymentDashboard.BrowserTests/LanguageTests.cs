using System.Text.RegularExpressions;
using EmploymentDashboard.BrowserTests.Infrastructure;

namespace EmploymentDashboard.BrowserTests;

/// <summary>Error pages in the language asked for on a first visit, and dates written the way each language writes them.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class LanguageTests(DashboardBrowserFixture fixture)
{
    private static readonly Dictionary<string, string> NotFound = new() { ["ru"] = "Страница не найдена", ["kk"] = "Бет табылмады", ["en"] = "Page not found" };

    private static readonly Dictionary<string, string> BadRequest = new() { ["ru"] = "Неверный запрос", ["kk"] = "Қате сұрау", ["en"] = "Bad request" };

    [Theory]
    [InlineData("ru")]
    [InlineData("kk")]
    [InlineData("en")]
    public async Task Not_found_page_honours_lang_on_a_first_visit(string language)
    {
        // A browser that asks for Russian, and no language cookie yet: only ?lang= says otherwise.
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;

        var response = await page.GotoAsync($"/no-such-page?lang={language}");

        Assert.Equal(404, response!.Status);
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(NotFound[language], (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains(NotFound[language], await page.TitleAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ru")]
    [InlineData("kk")]
    [InlineData("en")]
    public async Task Bad_request_page_honours_lang_and_names_the_error_in_its_title(string language)
    {
        await using var session = await fixture.NewSessionAsync();

        // A form post without its antiforgery token is answered 400 by the error page.
        var response = await session.Context.APIRequest.PostAsync($"/Account/SignIn?lang={language}", new() { Form = session.Context.APIRequest.CreateFormData().Set("Form.Email", "x@example.org") });
        var html = await response.TextAsync();

        Assert.Equal(400, response.Status);
        Assert.Contains($"<html lang=\"{language}\"", html, StringComparison.Ordinal);
        var title = TitlePattern().Match(html).Groups[1].Value;
        Assert.StartsWith(new Dictionary<string, string> { ["ru"] = "Ошибка: ", ["kk"] = "Қате: ", ["en"] = "Error: " }[language], title, StringComparison.Ordinal);
        Assert.Contains(BadRequest[language], title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kazakh_dates_put_the_year_first_and_write_months_in_lower_case()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.GotoAsync("/?lang=kk&from=2024-01&to=2024-03");

        var updated = (await page.Locator("[data-last-updated]").InnerTextAsync()).Trim();
        var summary = await page.Locator("[data-filter-summary]").InnerTextAsync();
        var heading = await page.Locator("h1").InnerTextAsync();

        Assert.Matches(KazakhDay(), updated);
        Assert.Contains("қаңтар 2024 – наурыз 2024", summary, StringComparison.Ordinal);
        Assert.Contains("қаң. 2024", heading, StringComparison.Ordinal);
        Assert.DoesNotMatch(CapitalisedKazakhMonth(), summary + " " + heading + " " + updated);

        await session.GotoAsync("/?lang=ru");
        Assert.Matches(RussianDay(), (await page.Locator("[data-last-updated]").InnerTextAsync()).Trim());
        await session.GotoAsync("/?lang=en");
        Assert.Matches(EnglishDay(), (await page.Locator("[data-last-updated]").InnerTextAsync()).Trim());
        await session.AssertNoProblemsAsync();
    }

    [Theory]
    [InlineData("ru", "ГГГГ-ММ")]
    [InlineData("kk", "ЖЖЖЖ-АА")]
    [InlineData("en", "YYYY-MM")]
    public async Task Month_fields_carry_a_hint_in_the_page_language(string language, string placeholder)
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.GotoAsync($"/?lang={language}");
        await page.Locator(".filter-panel summary").ClickAsync();

        foreach (var name in new[] { "from", "to" })
        {
            var input = page.Locator($"input[name='{name}']");
            Assert.Equal(placeholder, await input.GetAttributeAsync("placeholder"));
            var hint = await input.EvaluateAsync<string>("(e) => document.getElementById(e.getAttribute('aria-describedby')).textContent");
            Assert.Contains("2025-03", hint, StringComparison.Ordinal);
            Assert.True(await page.Locator($"#{await input.GetAttributeAsync("aria-describedby")}").IsVisibleAsync());
        }

        // The hint's format is the one the filter reads.
        // Whole quarters: the public view takes no other periods (ADR 0010).
        await page.Locator("input[name='from']").FillAsync("2024-04");
        await page.Locator("input[name='to']").FillAsync("2024-06");
        await page.Locator(".filter-panel button[type='submit']").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("from=2024-04", StringComparison.Ordinal));
        Assert.Equal("2024-04", await page.Locator("input[name='from']").InputValueAsync());
        await session.AssertNoProblemsAsync();
    }

    [GeneratedRegex("<title>([^<]*)</title>")]
    private static partial Regex TitlePattern();

    [GeneratedRegex(@"^\d{4} жылғы \d{1,2} (қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)$")]
    private static partial Regex KazakhDay();

    [GeneratedRegex("(Қаңтар|Ақпан|Наурыз|Сәуір|Мамыр|Маусым|Шілде|Тамыз|Қыркүйек|Қазан|Қараша|Желтоқсан|Қаң\\.|Нау\\.)")]
    private static partial Regex CapitalisedKazakhMonth();

    [GeneratedRegex(@"^\d{1,2} [а-я]+ \d{4}$")]
    private static partial Regex RussianDay();

    [GeneratedRegex(@"^\d{1,2} [A-Z][a-z]+ \d{4}$")]
    private static partial Regex EnglishDay();
}
