using System.Text.RegularExpressions;
using EmploymentDashboard.BrowserTests.Infrastructure;

namespace EmploymentDashboard.BrowserTests;

/// <summary>
/// The reader's selection is kept and visible: every menu, drill-down, breadcrumb and switcher link of every
/// page carries it; the selection bar shows it as removable tags and stays on screen; titles name the area.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SelectionTests(DashboardBrowserFixture fixture)
{
    private static readonly string[] FilterKeys = ["region", "year", "from", "to", "district", "measure", "group", "sex", "age"];

    // The pages a selection applies to (and the reference pages, whose menus must hand it back).
    private static readonly string[] SelectionPages = ["/", "/Districts", "/Quotas", "/Grants", "/Context", "/Map", "/Definitions", "/Methodology"];

    private const string Links = """
        () => [...document.querySelectorAll("a[href]")]
          .filter((a) => a.origin === location.origin)
          .map((a) => [a.pathname, a.search, a.getAttribute("data-selection") || "", (a.textContent || "").trim().slice(0, 40)])
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_link_of_any_page_drops_an_active_filter(bool staff)
    {
        await using var session = await fixture.NewSessionAsync();
        if (staff)
        {
            await session.SignInAsync(DashboardPages.StaffAccount.Email, DashboardPages.StaffAccount.Password);
        }

        const string selected = "year=2024&district=temirtau-city&measure=vacancy&sex=female&age=30-39";
        string[] pages =
        [
            .. SelectionPages.Select(p => p + "?" + selected),
            "/Districts/temirtau-city?year=2024&measure=vacancy&sex=female&age=30-39",
            "/Measures/vacancy?" + selected,

            // Staff may select months and several districts; the public whole quarters and one district (ADR 0010).
            staff ? "/?from=2024-02&to=2024-05&district=temirtau-city&district=abay-district&group=2" : "/?from=2024-04&to=2024-06&district=abay-district&group=2",
        ];
        var failures = new List<string>();
        var followed = new HashSet<string>(StringComparer.Ordinal);
        var checkedLinks = 0;
        foreach (var page in pages)
        {
            await session.GotoAsync(page);
            var uri = new Uri(session.Page.Url);
            var expected = SelectionOf(uri.AbsolutePath, uri.Query);
            foreach (var link in await session.Page.EvaluateAsync<string[][]>(Links))
            {
                var (path, query, kind, text) = (link[0], link[1], link[2], link[3]);
                var target = path.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/";
                if (!IsSelectionPage(target) || kind == "change" || ParseQuery(query).ContainsKey("export"))
                {
                    continue;
                }

                checkedLinks++;
                var actual = SelectionOf(target, query);
                var problem = kind switch
                {
                    "widen" => Widens(expected, actual),
                    "district" => Differs(expected, actual, except: "district"),
                    _ => Differs(expected, actual, except: target.StartsWith("/Districts/", StringComparison.Ordinal) ? "district" : target.StartsWith("/Measures/", StringComparison.Ordinal) ? "measure" : null),
                };
                if (problem is not null)
                {
                    failures.Add($"{page}: link \"{text}\" to {path}{query} {problem}");
                }

                followed.Add(path + query);
            }
        }

        // Follow every distinct link: each answers 200 with the selection it carries.
        foreach (var href in followed)
        {
            var response = await session.Context.APIRequest.GetAsync(href);
            if (response.Status != 200)
            {
                failures.Add($"{href} answered {response.Status}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(40)));
        Assert.True(checkedLinks > 300 && followed.Count > 100, $"only {checkedLinks} links checked, {followed.Count} followed");
        await session.AssertNoProblemsAsync();
    }

    [Fact]
    public async Task The_selection_bar_shows_removable_tags_stays_on_screen_and_titles_name_the_area()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.GotoAsync("/Quotas?lang=en&year=2024&district=temirtau-city&sex=female");

        var tag = page.Locator(".selection-bar [data-tag='district'][data-code='temirtau-city']");
        var name = (await tag.Locator("span").First.InnerTextAsync()).Trim();
        Assert.Contains(name, await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(name, await page.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator(".selection-bar [data-tag='sex'][data-code='female']").CountAsync());

        // Scrolled far down, the bar is still at the top of the window.
        await page.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight / 2)");
        var top = await page.Locator(".selection-bar").EvaluateAsync<double>("(e) => e.getBoundingClientRect().top");
        Assert.InRange(top, -1, 2);

        // Removing the district tag keeps the other filters.
        await tag.Locator("a.tag__remove").ClickAsync();
        await page.WaitForURLAsync(new Regex("^(?!.*district=).*sex=female.*$"));
        var query = ParseQuery(new Uri(page.Url).Query);
        Assert.Equal(["2024"], query["year"]);
        Assert.DoesNotContain(name, await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);

        // The breadcrumb and the district switcher of a measure page filtered to a district.
        await session.GotoAsync("/Measures/vacancy?lang=en&district=temirtau-city");
        var crumbs = await page.Locator(".breadcrumb li").AllInnerTextsAsync();
        Assert.Equal(3, crumbs.Count);
        Assert.Contains(name, crumbs[1], StringComparison.Ordinal);
        Assert.Contains(name, await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator(".switcher summary").ClickAsync();
        await page.Locator(".switcher a[href*='district=abay-district']").ClickAsync();
        await page.WaitForURLAsync(new Regex("/Measures/vacancy\\?district=abay-district"));
        Assert.DoesNotContain(name, await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        await session.AssertNoProblemsAsync();
    }

    private static bool IsSelectionPage(string path) =>
        SelectionPages.Contains(path) || path.StartsWith("/Districts/", StringComparison.Ordinal) || path.StartsWith("/Measures/", StringComparison.Ordinal);

    /// <summary>The selection a page address carries: its filter keys, with the district or measure its path selects.</summary>
    private static Dictionary<string, string> SelectionOf(string path, string query)
    {
        var parsed = ParseQuery(query);
        var selection = FilterKeys.Where(parsed.ContainsKey).ToDictionary(k => k, k => string.Join(",", parsed[k].Order(StringComparer.Ordinal)));
        if (DetailPage().Match(path) is { Success: true } match)
        {
            selection[match.Groups[1].Value == "Districts" ? "district" : "measure"] = match.Groups[2].Value;
        }

        return selection;
    }

    private static string? Differs(Dictionary<string, string> expected, Dictionary<string, string> actual, string? except)
    {
        foreach (var key in FilterKeys.Where(k => k != except))
        {
            expected.TryGetValue(key, out var want);
            actual.TryGetValue(key, out var got);
            if (want != got)
            {
                return $"has {key}={got ?? "(none)"}, the page has {key}={want ?? "(none)"}";
            }
        }

        return null;
    }

    /// <summary>A breadcrumb step up: it may drop the district or the measure, and keeps everything else.</summary>
    private static string? Widens(Dictionary<string, string> expected, Dictionary<string, string> actual)
    {
        foreach (var key in new[] { "district", "measure" })
        {
            if (actual.TryGetValue(key, out var got) && (!expected.TryGetValue(key, out var want) || got != want))
            {
                return $"widens to {key}={got}, not in the page's selection";
            }
        }

        return Differs(
            expected.Where(e => e.Key is not ("district" or "measure")).ToDictionary(),
            actual.Where(e => e.Key is not ("district" or "measure")).ToDictionary(),
            except: null);
    }

    private static Dictionary<string, List<string>> ParseQuery(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .GroupBy(pair => Uri.UnescapeDataString(pair[0]))
            .ToDictionary(g => g.Key, g => g.Select(pair => pair.Length > 1 ? Uri.UnescapeDataString(pair[1].Replace('+', ' ')) : string.Empty).ToList());

    [GeneratedRegex("^/(Districts|Measures)/([a-z0-9-]+)$")]
    private static partial Regex DetailPage();
}
