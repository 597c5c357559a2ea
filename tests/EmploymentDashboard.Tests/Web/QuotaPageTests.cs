using System.Globalization;
using System.Net;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Web;

/// <summary>The quota dashboard at /Quotas, served by the real app from the demo database, for the public and for staff.</summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class QuotaPageTests(DemoDatabaseFixture fixture)
{
    private const int K = 5;

    public static TheoryData<string> Urls() =>
    [
        "/Quotas", "/Quotas?year=2024", "/Quotas?year=2023", "/Quotas?district=temirtau-city", "/Quotas?from=2024-04&to=2025-09",
        "/Quotas?from=2025-04&to=2025-09", "/Quotas?lang=en", "/Quotas?lang=kk&district=karaganda-city", "/Quotas?sort=name", "/Quotas?sort=fulfilment&year=2024",
    ];

    [Theory]
    [MemberData(nameof(Urls))]
    public async Task The_page_answers_200_for_the_public_and_for_staff(string url)
    {
        foreach (var client in new[] { fixture.App.CreatePlainClient(), await fixture.StaffClientAsync() })
        {
            var (response, page) = await HtmlPage.GetAsync(client, url);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull(page.QuerySelector("#quota-table"));
            Assert.Null(page.QuerySelector("[data-problem]"));
        }
    }

    [Theory]
    [InlineData("/Quotas?year=abc")]
    [InlineData("/Quotas?district=atlantis")]
    [InlineData("/Quotas?sort=drop")]
    [InlineData("/Quotas?sort=name;drop%20table")]
    [InlineData("/Quotas?from=2025-09&to=2025-01")]
    public async Task A_bad_filter_or_sort_answers_400_with_the_reason(string url)
    {
        foreach (var client in new[] { fixture.App.CreatePlainClient(), await fixture.StaffClientAsync() })
        {
            var (response, page) = await HtmlPage.GetAsync(client, url);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.NotNull(page.QuerySelector("[data-problem]"));
            Assert.Null(page.QuerySelector("#quota-table"));
        }
    }

    [Fact]
    public async Task An_unknown_sort_is_named_in_the_message()
    {
        var (_, page) = await HtmlPage.GetAsync(await fixture.StaffClientAsync(), "/Quotas?sort=drop&lang=en");

        var problem = page.QuerySelector("[data-problem]")!.TextContent;
        Assert.Contains("drop", problem, StringComparison.Ordinal);
        Assert.Contains("behind", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_see_the_published_quota_figures()
    {
        var (_, page) = await HtmlPage.GetAsync(await fixture.StaffClientAsync(), "/Quotas?year=2025");

        var total = page.QuerySelector("#quota-table tfoot tr")!;
        Assert.Equal(89, total.QuerySelector("td[data-year='2025'][data-column='employers']")!.ValueOf());
        Assert.Equal(219, total.QuerySelector("td[data-year='2025'][data-column='set']")!.ValueOf());
        Assert.Equal(11, page.QuerySelector("#special-workplaces-table tr[data-category='hearing'] td[data-series='2025']")!.ValueOf());
        Assert.Equal(1, page.Indicator("pending_applications").ValueOf());
        Assert.Equal(2, page.Indicator("pending_places").ValueOf());
        var pending = Assert.Single(page.QuerySelectorAll("#pending-table tbody tr"));
        Assert.Equal("karaganda-city", pending.GetAttribute("data-district"));
        Assert.Equal(2, pending.QuerySelector("td[data-column='places']")!.ValueOf());

        var rows = page.QuerySelectorAll("#quota-table tbody tr").ToList();
        Assert.Equal(219, rows.Sum(r => r.QuerySelector("td[data-year='2025'][data-column='set']")!.ValueOf()));
        Assert.Equal(total.QuerySelector("td[data-year='2025'][data-column='filled']")!.ValueOf(), rows.Sum(r => r.QuerySelector("td[data-year='2025'][data-column='filled']")!.ValueOf()));
    }

    [Fact]
    public async Task Staff_see_the_employer_list_the_public_never_does()
    {
        var publicResponse = await fixture.App.CreatePlainClient().GetAsync("/Quotas?year=2025&employers=all");
        var publicHtml = await publicResponse.Content.ReadAsStringAsync();

        var employers = await EveryPageAsync("/Quotas?year=2025&employers=all");
        Assert.Equal(89, employers.Count);
        var bins = employers.Select(r => r.QuerySelector("td.bin")!.TextContent.Trim()).ToList();
        var names = employers.Select(r => r.QuerySelector("th")!.TextContent.Trim()).ToList();
        Assert.All(bins, bin => Assert.Matches("^[0-9]{12}$", bin));

        Assert.Equal(HttpStatusCode.OK, publicResponse.StatusCode);
        Assert.DoesNotContain("employer-table", publicHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("data-staff-only", publicHtml, StringComparison.Ordinal);
        Assert.All(bins, bin => Assert.DoesNotContain(bin, publicHtml, StringComparison.Ordinal));
        Assert.All(names, name => Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(name), publicHtml, StringComparison.Ordinal));
        Assert.All(names, name => Assert.DoesNotContain(name, publicHtml, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_default_order_puts_the_employer_with_most_unfilled_places_first()
    {
        var mostUnfilled = await fixture.Database.ScalarAsync(
            "SELECT max(places_set - places_filled) FROM employer_quotas WHERE year = 2025 AND status = 'InForce'");
        var fewestFilledShareAmongThem = await fixture.Database.ScalarAsync(
            $"SELECT count(*) FROM employer_quotas WHERE year = 2025 AND status = 'InForce' AND places_set - places_filled = {mostUnfilled}");

        var (_, page) = await HtmlPage.GetAsync(await fixture.StaffClientAsync(), "/Quotas?year=2025");

        var rows = page.QuerySelectorAll("#employer-table tbody tr").ToList();
        Assert.True(mostUnfilled > 0);
        Assert.Equal(mostUnfilled, rows[0].QuerySelector("td[data-column='unfilled']")!.ValueOf());
        var unfilled = rows.Select(r => r.QuerySelector("td[data-column='unfilled']")!.ValueOf()).ToList();
        Assert.Equal(unfilled.OrderDescending(), unfilled);
        Assert.Equal(fewestFilledShareAmongThem, unfilled.Count(u => u == mostUnfilled));
    }

    [Fact]
    public async Task Sorting_by_name_lists_every_employer_and_says_so()
    {
        var (_, page) = await HtmlPage.GetAsync(await fixture.StaffClientAsync(), "/Quotas?year=2025&sort=name&employers=all");

        var names = (await EveryPageAsync("/Quotas?year=2025&sort=name&employers=all")).Select(r => r.QuerySelector("th")!.TextContent.Trim()).ToList();
        Assert.Equal(89, names.Count);
        Assert.Equal("name", page.QuerySelector(".sort-links a[aria-current='true'][data-sort]")!.GetAttribute("data-sort"));
        var sorted = await fixture.Database.ScalarAsync(
            "SELECT count(*) FROM employers e JOIN employer_quotas q ON q.employer_id = e.id WHERE q.year = 2025 AND q.status = 'InForce'");
        Assert.Equal(sorted, names.Count);
    }

    [Theory]
    [InlineData(false, "/Quotas")]
    [InlineData(true, "/Quotas")]
    [InlineData(false, "/Quotas?from=2023-01&to=2025-12")]
    [InlineData(true, "/Quotas?from=2023-01&to=2025-12")]
    [InlineData(false, "/Quotas?district=temirtau-city&lang=en")]
    public async Task The_charts_equal_their_tables(bool staff, string url)
    {
        var client = staff ? await fixture.StaffClientAsync() : fixture.App.CreatePlainClient();
        var (_, page) = await HtmlPage.GetAsync(client, url);

        var quotaRows = page.QuerySelectorAll("#quota-table tbody tr").ToList();
        var series = PublicFigures.AssertChartEqualsTable(page, "quota-data", quotaRows, (row, code) =>
        {
            var parts = code.Split('-');
            return row.QuerySelector($"td[data-year='{parts[1]}'][data-column='{parts[0]}']")!;
        });
        Assert.Equal(2 * page.QuerySelectorAll("#quota-table thead th[scope='colgroup']").Length, series);

        var workplaceRows = page.QuerySelectorAll("#special-workplaces-table tbody tr").ToList();
        PublicFigures.AssertChartEqualsTable(page, "special-workplaces-data", workplaceRows, (row, code) => row.QuerySelector($"td[data-series='{code}']")!);
    }

    [Theory]
    [MemberData(nameof(Urls))]
    public async Task The_public_page_shows_no_count_between_1_and_k_minus_1(string url)
    {
        var (response, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        PublicFigures.AssertNoSmallCounts(page, K, url);
    }

    [Fact]
    public async Task The_public_sees_obligations_exactly_and_places_filled_perturbed()
    {
        var (_, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), "/Quotas?year=2025");
        var (_, staffPage) = await HtmlPage.GetAsync(await fixture.StaffClientAsync(), "/Quotas?year=2025");

        var total = page.QuerySelector("#quota-table tfoot tr")!;
        Assert.Equal(89, total.QuerySelector("td[data-year='2025'][data-column='employers']")!.ValueOf());
        Assert.Equal(219, total.QuerySelector("td[data-year='2025'][data-column='set']")!.ValueOf());

        // One application for two places in Karaganda city: administrative figures, no longer withheld.
        Assert.Equal(1, page.Indicator("pending_applications").ValueOf());
        Assert.Equal(2, page.Indicator("pending_places").ValueOf());

        // Obligations equal the staff's in every district; places filled are perturbed, by at most D, and never withheld.
        string[] Column(AngleSharp.Dom.IDocument document, string column) =>
            [.. document.QuerySelectorAll($"#quota-table td[data-year='2025'][data-column='{column}']").Select(td => td.GetAttribute("data-value") ?? "withheld")];
        Assert.Equal(Column(staffPage, "set"), Column(page, "set"));
        Assert.Equal(Column(staffPage, "employers"), Column(page, "employers"));
        var filled = Column(page, "filled").Zip(Column(staffPage, "filled"), (visitor, staff) => (Public: long.Parse(visitor, CultureInfo.InvariantCulture), Staff: long.Parse(staff, CultureInfo.InvariantCulture))).ToList();
        Assert.Contains(filled, f => f.Public != f.Staff);
        Assert.All(filled, f => Assert.InRange(Math.Abs(f.Public - f.Staff), 0, 5));
        Assert.Empty(page.QuerySelectorAll("#quota-table td[data-column='employers'][data-suppressed], #quota-table td[data-column='set'][data-suppressed], #quota-table td[data-column='filled'][data-suppressed]"));
    }

    [Fact]
    public async Task The_employer_list_pages_in_the_database_and_defaults_to_employers_with_unfilled_places()
    {
        var withUnfilled = await fixture.Database.ScalarAsync(
            "SELECT count(*) FROM (SELECT employer_id FROM employer_quotas WHERE year = 2025 AND status = 'InForce' GROUP BY employer_id HAVING sum(places_set - places_filled) > 0) x");
        var (_, first) = await HtmlPage.GetAsync(await fixture.StaffClientAsync(), "/Quotas?year=2025");

        var rows = first.QuerySelectorAll("#employer-table tbody tr").ToList();
        Assert.Equal(Math.Min(withUnfilled, EmploymentDashboard.Web.Pages.QuotasModel.PageSize), rows.Count);
        Assert.All(rows, r => Assert.True(r.QuerySelector("td[data-column='unfilled']")!.ValueOf() > 0));
        var listed = await EveryPageAsync("/Quotas?year=2025");
        Assert.Equal(withUnfilled, listed.Count);
        Assert.Equal(listed.Count, listed.Select(r => r.GetAttribute("data-bin")).Distinct().Count());

        // The list follows the district filter.
        var temirtau = await fixture.Database.ScalarAsync(
            "SELECT count(*) FROM (SELECT q.employer_id FROM employer_quotas q JOIN employers e ON e.id = q.employer_id JOIN districts d ON d.id = e.district_id WHERE d.code = 'temirtau-city' AND q.year = 2025 AND q.status = 'InForce' GROUP BY q.employer_id HAVING sum(q.places_set - q.places_filled) > 0) x");
        Assert.Equal(temirtau, (await EveryPageAsync("/Quotas?year=2025&district=temirtau-city")).Count);
    }

    [Theory]
    [InlineData("/Quotas?page=0")]
    [InlineData("/Quotas?page=two")]
    [InlineData("/Quotas?page=999")]
    public async Task A_page_that_is_not_there_is_a_clear_400(string url)
    {
        var response = await (await fixture.StaffClientAsync()).GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data-problem", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Districts_are_ordered_by_unfilled_places_with_places_set_filled_and_unfilled()
    {
        var (_, page) = await HtmlPage.GetAsync(await fixture.StaffClientAsync(), "/Quotas?year=2025");

        var rows = page.QuerySelectorAll("#quota-unfilled-table tbody tr").ToList();
        Assert.Equal(13, rows.Count);
        var unfilled = rows.Select(r => r.QuerySelector("td[data-column='unfilled']")!.ShownValueOf()).Where(v => v is not null).Select(v => v!.Value).ToList();
        Assert.Equal(unfilled.OrderDescending(), unfilled);
        foreach (var row in rows.Where(r => r.QuerySelector("td[data-column='unfilled']")!.ShownValueOf() is not null))
        {
            Assert.Equal(row.QuerySelector("td[data-column='set']")!.ValueOf() - row.QuerySelector("td[data-column='filled']")!.ValueOf(), row.QuerySelector("td[data-column='unfilled']")!.ValueOf());
        }

        var worst = await fixture.Database.ScalarAsync(
            "SELECT max(u) FROM (SELECT sum(q.places_set - q.places_filled) u FROM employer_quotas q JOIN employers e ON e.id = q.employer_id WHERE q.year = 2025 AND q.status = 'InForce' GROUP BY e.district_id) x");
        Assert.Equal(worst, unfilled[0]);
    }

    [Theory]
    [InlineData("/Quotas?year=2025")]
    [InlineData("/Quotas?year=2024")]
    [InlineData("/Quotas?year=2023")]
    public async Task The_public_sees_unfilled_places_as_places_set_less_places_filled_as_published(string url)
    {
        // Unfilled places are not perturbed on their own: they are derived from two published figures, so they
        // reveal nothing those do not (ADR 0010). A perturbed filled figure above places set leaves none unfilled.
        var (_, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), url);

        var rows = page.QuerySelectorAll("#quota-unfilled-table tbody tr, #quota-unfilled-table tfoot tr").ToList();
        Assert.Equal(14, rows.Count);
        foreach (var row in rows)
        {
            var set = row.QuerySelector("td[data-column='set']")!.ValueOf();
            var filled = row.QuerySelector("td[data-column='filled']")!.ValueOf();
            Assert.Equal(Math.Max(0, set - filled), row.QuerySelector("td[data-column='unfilled']")!.ValueOf());
        }
    }

    /// <summary>The employer rows of every page of the list, following its "next page" links.</summary>
    private async Task<List<AngleSharp.Dom.IElement>> EveryPageAsync(string url)
    {
        var client = await fixture.StaffClientAsync();
        var rows = new List<AngleSharp.Dom.IElement>();
        for (string? next = url; next is not null;)
        {
            var (response, page) = await HtmlPage.GetAsync(client, next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            rows.AddRange(page.QuerySelectorAll("#employer-table tbody tr"));
            next = page.QuerySelector("[data-pager] a[rel='next']")?.GetAttribute("href");
            Assert.True(rows.Count < 10_000);
        }

        return rows;
    }
}
