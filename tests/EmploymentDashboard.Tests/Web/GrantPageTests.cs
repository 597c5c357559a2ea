using System.Net;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Web;

/// <summary>The grants dashboard at /Grants, served by the real app from the demo database, for the public and for staff.</summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class GrantPageTests(DemoDatabaseFixture fixture)
{
    private const int K = 5;

    private static readonly string[] _tables = ["grants-district", "grants-sector", "grants-month"];

    public static TheoryData<string> Urls() =>
    [
        "/Grants", "/Grants?year=2024", "/Grants?year=2023", "/Grants?district=temirtau-city", "/Grants?from=2025-04&to=2025-09",
        "/Grants?lang=en", "/Grants?lang=kk&group=1&sex=female", "/Grants?from=2023-07&to=2025-06&age=30-39",
    ];

    [Theory]
    [MemberData(nameof(Urls))]
    public async Task The_page_answers_200_for_the_public_and_for_staff(string url)
    {
        foreach (var client in new[] { fixture.App.CreatePlainClient(), await fixture.StaffClientAsync() })
        {
            var (response, page) = await HtmlPage.GetAsync(client, url);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.All(_tables, id => Assert.NotNull(page.QuerySelector($"#{id}-table")));
        }
    }

    [Theory]
    [InlineData("/Grants?year=abc")]
    [InlineData("/Grants?district=atlantis")]
    [InlineData("/Grants?from=2025-09&to=2025-01")]
    [InlineData("/Grants?group=7")]
    public async Task A_bad_filter_answers_400_with_the_reason(string url)
    {
        foreach (var client in new[] { fixture.App.CreatePlainClient(), await fixture.StaffClientAsync() })
        {
            var (response, page) = await HtmlPage.GetAsync(client, url);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.NotNull(page.QuerySelector("[data-problem]"));
        }
    }

    [Fact]
    public async Task Staff_see_the_published_grants_in_every_breakdown_with_their_amounts()
    {
        var expectedKzt = await fixture.Database.ScalarAsync("SELECT round(sum(amount_kzt)) FROM grants WHERE date >= '2025-01-01' AND date < '2026-01-01'");
        var expectedMci = await fixture.Database.ScalarAsync("SELECT round(sum(amount_kzt / mci_kzt)) FROM grants WHERE date >= '2025-01-01' AND date < '2026-01-01'");

        var (_, page) = await HtmlPage.GetAsync(await fixture.StaffClientAsync(), "/Grants?year=2025");

        foreach (var id in _tables)
        {
            var total = page.QuerySelector($"#{id}-table tfoot tr")!;
            Assert.Equal(61, total.QuerySelector("td[data-series='count']")!.ValueOf());
            Assert.Equal(expectedKzt, total.QuerySelector("td[data-column='amount_kzt']")!.ValueOf());
            Assert.Equal(expectedMci, total.QuerySelector("td[data-column='amount_mci']")!.ValueOf());
            Assert.Equal(61, page.QuerySelectorAll($"#{id}-table tbody td[data-series='count']").Sum(td => td.ValueOf()));
        }

        Assert.Equal(12, page.QuerySelectorAll("#grants-month-table tbody tr").Length);
        Assert.Equal(6, page.QuerySelectorAll("#grants-sector-table tbody tr").Length);
    }

    [Theory]
    [InlineData("ru", "Сельское хозяйство")]
    [InlineData("kk", "Ауыл шаруашылығы")]
    [InlineData("en", "Agriculture")]
    public async Task Sectors_are_named_in_the_chosen_language(string language, string agriculture)
    {
        var (_, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), $"/Grants?lang={language}");

        Assert.Equal(agriculture, page.QuerySelector("#grants-sector-table tr[data-category='agriculture'] th")!.TextContent.Trim());
    }

    [Theory]
    [InlineData(false, "/Grants")]
    [InlineData(true, "/Grants")]
    [InlineData(false, "/Grants?district=temirtau-city")]
    [InlineData(true, "/Grants?from=2025-04&to=2025-09&lang=en")]
    public async Task The_charts_equal_their_tables(bool staff, string url)
    {
        var client = staff ? await fixture.StaffClientAsync() : fixture.App.CreatePlainClient();
        var (_, page) = await HtmlPage.GetAsync(client, url);

        foreach (var id in _tables)
        {
            var rows = page.QuerySelectorAll($"#{id}-table tbody tr").ToList();
            PublicFigures.AssertChartEqualsTable(page, $"{id}-data", rows, (row, code) => row.QuerySelector($"td[data-series='{code}']")!);
        }
    }

    [Theory]
    [MemberData(nameof(Urls))]
    public async Task The_public_page_shows_no_count_between_1_and_k_minus_1(string url)
    {
        var (response, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        PublicFigures.AssertNoSmallCounts(page, K, url);
        Assert.Empty(page.QuerySelectorAll("[data-suppressed]"));
    }

    [Fact]
    public async Task A_public_amount_is_the_published_count_times_the_grant_so_it_reveals_no_more_than_the_count()
    {
        var (_, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), "/Grants?year=2025");

        // Every 2025 grant is 400 MCI of 3,932 KZT: 1,572,800 KZT, rounded to 1,573,000 as the public mean grant.
        foreach (var row in page.QuerySelectorAll("#grants-district-table tbody tr, #grants-sector-table tbody tr"))
        {
            var count = row.QuerySelector("td[data-series='count']")!.ValueOf();
            Assert.Equal(count * 1_573_000, row.QuerySelector("td[data-column='amount_kzt']")!.ValueOf());
            Assert.Equal(count * 400, row.QuerySelector("td[data-column='amount_mci']")!.ValueOf());
        }
    }
}
