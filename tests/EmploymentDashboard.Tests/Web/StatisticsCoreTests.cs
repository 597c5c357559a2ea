using System.Net;
using System.Text;
using System.Text.Json;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EmploymentDashboard.Tests.Web;

/// <summary>One filter for every route: a page, a table download, the API and a record export answer the same query string alike.</summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class OneFilterTests(DemoDatabaseFixture fixture)
{
    private const string Password = "Vellum-Orchard-Kestrel-7316";

    public static TheoryData<string> InvalidFilters() =>
    [
        "year=abc",
        "year=1999",
        "district=atlantis",
        "measure=nope",
        "group=4",
        "sex=Female",
        "age=70-79",
        "from=2025-13",
        "from=2025-06&to=2025-01",
        "from=2015-01&to=2025-12",
    ];

    public static TheoryData<string> ValidFilters() =>
    [
        "year=2024",
        "from=2025-04&to=2025-09",
        "district=temirtau-city&measure=vacancy",
        "group=1&sex=female",
        "district=abay-district&age=60-plus",
    ];

    private async Task<HttpClient> AnalystAsync()
    {
        var email = $"filter-analyst-{Guid.NewGuid():N}@test.local";
        await fixture.App.CreateUserAsync(email, Password, DashboardRoles.Analyst);
        return await fixture.App.SignedInClientAsync(email, Password);
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("detail").GetString()!;
    }

    [Theory]
    [MemberData(nameof(InvalidFilters))]
    public async Task An_invalid_filter_gets_the_same_400_and_message_on_a_page_a_file_the_api_and_a_record_export(string query)
    {
        var anonymous = fixture.App.CreatePlainClient();
        var (pageResponse, page) = await HtmlPage.GetAsync(anonymous, $"/Measures/public_works?{query}&lang=en");
        var fileResponse = await anonymous.GetAsync($"/?{query}&lang=en&export=overview-by-month-table&format=csv");
        var apiResponse = await anonymous.GetAsync($"/api/v1/districts/abay-district/district-abay-district-by-sex-table?{query}&lang=en");
        var exportResponse = await (await AnalystAsync()).GetAsync($"/exports/records/placements.csv?{query}&lang=en");

        Assert.Equal(HttpStatusCode.BadRequest, pageResponse.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, fileResponse.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, apiResponse.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, exportResponse.StatusCode);
        var message = page.QuerySelector("[data-problem] p")!.TextContent.Trim();
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.Equal(message, await DetailAsync(fileResponse));
        Assert.Equal(message, await DetailAsync(apiResponse));
        Assert.Equal(message, await DetailAsync(exportResponse));
    }

    [Theory]
    [MemberData(nameof(ValidFilters))]
    public async Task A_valid_filter_gives_the_same_rows_on_the_page_in_the_file_and_in_the_api(string query)
    {
        foreach (var client in new[] { fixture.App.CreatePlainClient(), await fixture.StaffClientAsync() })
        {
            var (pageResponse, page) = await HtmlPage.GetAsync(client, $"/?{query}");
            Assert.Equal(HttpStatusCode.OK, pageResponse.StatusCode);
            var shown = page.QuerySelectorAll("#overview-by-measure-table tbody tr, #overview-by-measure-table tfoot tr")
                .Select(r => string.Join('|', r.QuerySelectorAll("td").Select(c => c.GetAttribute("data-value") ?? string.Empty)))
                .ToList();

            using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/overview/overview-by-measure-table?{query}"));
            var api = json.RootElement.GetProperty("rows").EnumerateArray()
                .Select(r => string.Join('|', r.EnumerateArray().Skip(1).Select(c => c.GetProperty("value") is { ValueKind: JsonValueKind.Number } v ? v.GetDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty)))
                .ToList();
            var csv = Csv.Parse(Encoding.UTF8.GetString((await client.GetByteArrayAsync($"/?{query}&export=overview-by-measure-table&format=csv&headers=codes&bom=false"))), ",");
            var file = csv.Skip(1).Select(r => string.Join('|', r.Skip(1).Where((_, i) => !csv[0][i + 1].EndsWith("_flag", StringComparison.Ordinal)))).ToList();

            Assert.NotEmpty(shown);
            Assert.Equal(shown, api);
            Assert.Equal(shown, file);
        }

        var export = await (await AnalystAsync()).GetAsync($"/exports/records/placements.csv?{query}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
    }
}

/// <summary>The OpenAPI document is made from the code and lists every API endpoint with its parameters.</summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class OpenApiDocumentTests(DemoDatabaseFixture fixture)
{
    [Fact]
    public async Task The_openapi_document_lists_every_registered_api_endpoint_with_its_parameters()
    {
        using var json = JsonDocument.Parse(await fixture.App.CreatePlainClient().GetStringAsync("/api/v1/openapi.json"));
        var paths = json.RootElement.GetProperty("paths");
        var documented = paths.EnumerateObject().Select(p => p.Name).ToHashSet();

        var endpoints = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'))
            .Where(p => (p.StartsWith("/api/v1/", StringComparison.Ordinal) || p.StartsWith("/exports/", StringComparison.Ordinal)) && !p.EndsWith("openapi.json", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.NotEmpty(endpoints);
        Assert.Equal(endpoints.Order(), documented.Order());
        foreach (var endpoint in endpoints)
        {
            var parameters = paths.GetProperty(endpoint).GetProperty("get").GetProperty("parameters").EnumerateArray()
                .Select(p => (Name: p.GetProperty("name").GetString()!, In: p.GetProperty("in").GetString()!))
                .ToList();
            foreach (var filter in new[] { "region", "year", "from", "to", "district", "measure", "group", "sex", "age" })
            {
                Assert.Contains((filter, "query"), parameters);
            }

            foreach (var segment in endpoint.Split('/').Where(s => s.StartsWith('{')))
            {
                var name = segment.Trim('{', '}').Split('}')[0];
                Assert.Contains((name, "path"), parameters);
            }
        }
    }
}

/// <summary>Anonymous answers are cached and dropped as soon as the data change; signed-in users never get a cached answer.</summary>
public sealed class AnonymousResponseCacheTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private DashboardAppFactory _app = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using (var db = _database.CreateContext())
        {
            await EmploymentDashboard.Data.Demo.DemoDataLoader.SeedIfEmptyAsync(db);
        }

        _app = new DashboardAppFactory(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static async Task<long?> VacanciesAsync(HttpClient client, string url)
    {
        var (response, page) = await HtmlPage.GetAsync(client, url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return page.QuerySelector("#overview-by-measure-table tr[data-category='vacancy'] td[data-series='events']")!.ShownValueOf();
    }

    private async Task RemoveVacanciesOfAprilAsync()
    {
        await using var db = _database.CreateContext();
        var removed = await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(
            db.Database,
            "DELETE FROM placements WHERE date >= '2025-04-01' AND date < '2025-05-01' AND measure_id = (SELECT id FROM support_measures WHERE code = 'vacancy')");
        Assert.True(removed > 0);
    }

    [Fact]
    public async Task An_anonymous_page_is_served_from_the_cache_until_the_data_change_then_fresh()
    {
        const string url = "/?year=2025";
        var visitor = _app.CreatePlainClient();
        var before = await VacanciesAsync(visitor, url);

        // A change the app is not told about: the cached page is still served (the database is not asked).
        await RemoveVacanciesOfAprilAsync();
        Assert.Equal(before, await VacanciesAsync(_app.CreatePlainClient(), url));

        // A writer tells the app that the data changed: the very next request is computed afresh.
        _app.Services.GetRequiredService<EmploymentDashboard.Data.Statistics.ReferenceDataCache>().Invalidate();
        var after = await VacanciesAsync(_app.CreatePlainClient(), url);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public async Task A_new_dataset_stamp_written_by_another_instance_empties_the_cache_within_seconds()
    {
        const string url = "/api/v1/overview/overview-by-measure-table?year=2025";
        var before = await _app.CreatePlainClient().GetStringAsync(url);
        await RemoveVacanciesOfAprilAsync();
        Assert.Equal(before, await _app.CreatePlainClient().GetStringAsync(url));

        await using (var db = _database.CreateContext())
        {
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, "UPDATE dataset_info SET last_updated = now()");
        }

        var deadline = DateTime.UtcNow + EmploymentDashboard.Data.Statistics.ReferenceDataCache.RecheckInterval + TimeSpan.FromSeconds(5);
        string after;
        do
        {
            await Task.Delay(250);
            after = await _app.CreatePlainClient().GetStringAsync(url);
        }
        while (after == before && DateTime.UtcNow < deadline);

        Assert.NotEqual(before, after);
    }

    [Fact]
    public async Task The_display_mode_chosen_in_a_cookie_is_never_served_from_another_visitor_s_cached_page()
    {
        var (_, normal) = await HtmlPage.GetAsync(_app.CreatePlainClient(), "/Map");
        var highContrast = _app.CreatePlainClient();
        highContrast.DefaultRequestHeaders.Add("Cookie", $"{EmploymentDashboard.Web.Infrastructure.DisplayMode.CookieName}={EmploymentDashboard.Web.Infrastructure.DisplayMode.HighContrastValue}");
        var (_, contrasted) = await HtmlPage.GetAsync(highContrast, "/Map");
        var (_, normalAgain) = await HtmlPage.GetAsync(_app.CreatePlainClient(), "/Map");

        Assert.False(normal.DocumentElement.ClassList.Contains(EmploymentDashboard.Web.Infrastructure.DisplayMode.HighContrastClass));
        Assert.True(contrasted.DocumentElement.ClassList.Contains(EmploymentDashboard.Web.Infrastructure.DisplayMode.HighContrastClass));
        Assert.False(normalAgain.DocumentElement.ClassList.Contains(EmploymentDashboard.Web.Infrastructure.DisplayMode.HighContrastClass));
    }

    [Fact]
    public async Task Signed_in_users_never_get_an_anonymous_cached_page_nor_one_another_s()
    {
        const string url = "/?year=2025&lang=en";
        await _app.CreateUserAsync("cache-staff-a@test.local", "Cobalt-Lichen-Harbor-4821", DashboardRoles.Staff);
        await _app.CreateUserAsync("cache-staff-b@test.local", "Tundra-Quill-Saffron-9052", DashboardRoles.Staff);
        var staffA = await _app.SignedInClientAsync("cache-staff-a@test.local", "Cobalt-Lichen-Harbor-4821");
        var staffB = await _app.SignedInClientAsync("cache-staff-b@test.local", "Tundra-Quill-Saffron-9052");

        var (_, anonymousPage) = await HtmlPage.GetAsync(_app.CreatePlainClient(), url);
        var (_, pageA) = await HtmlPage.GetAsync(staffA, url);
        Assert.NotNull(anonymousPage.QuerySelector("[data-audience='public']"));
        Assert.Null(pageA.QuerySelector("[data-audience='public']"));
        Assert.Contains("cache-staff-a@test.local", pageA.DocumentElement.OuterHtml, StringComparison.Ordinal);

        var (_, pageB) = await HtmlPage.GetAsync(staffB, url);
        Assert.Contains("cache-staff-b@test.local", pageB.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("cache-staff-a@test.local", pageB.DocumentElement.OuterHtml, StringComparison.Ordinal);

        // Staff always see the database as it is now, with no cache in between.
        var before = await VacanciesAsync(staffA, url);
        await RemoveVacanciesOfAprilAsync();
        Assert.NotEqual(before, await VacanciesAsync(staffA, url));
    }
}

/// <summary>The employer list is record-level: staff read it on screen, only analysts download it, and only as a recorded record-level export.</summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class RecordLevelTableTests(DemoDatabaseFixture fixture)
{
    [Fact]
    public async Task The_employer_list_is_never_a_table_download_and_only_analysts_get_its_record_export_link()
    {
        const string password = "Pewter-Nimbus-Falcon-6683";
        var suffix = Guid.NewGuid().ToString("N");
        await fixture.App.CreateUserAsync($"rl-analyst-{suffix}@test.local", password, DashboardRoles.Analyst);
        var analyst = await fixture.App.SignedInClientAsync($"rl-analyst-{suffix}@test.local", password);
        var staff = await fixture.StaffClientAsync();

        foreach (var client in new[] { fixture.App.CreatePlainClient(), staff, analyst })
        {
            foreach (var url in new[] { "/Quotas?year=2025&export=employer-table&format=csv", "/api/v1/quotas/employer-table?year=2025", "/api/v1/quotas/employer-table?year=2025&format=xlsx" })
            {
                var response = await client.GetAsync(url);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            }
        }

        var (_, staffPage) = await HtmlPage.GetAsync(staff, "/Quotas?year=2025");
        Assert.NotEmpty(staffPage.QuerySelectorAll("#employer-table tbody tr"));
        Assert.Null(staffPage.QuerySelector("[data-downloads-for='employer-table']"));
        Assert.Null(staffPage.QuerySelector("[data-record-export]"));

        var (_, analystPage) = await HtmlPage.GetAsync(analyst, "/Quotas?year=2025");
        var link = analystPage.QuerySelector("[data-record-export='quotas'] a")!.GetAttribute("href")!;
        Assert.StartsWith("/exports/records/quotas.csv?", link, StringComparison.Ordinal);
        var before = await fixture.Database.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'export.completed' AND subject = 'quotas'");
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync(link)).StatusCode);
        Assert.Equal(before + 1, await fixture.Database.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'export.completed' AND subject = 'quotas'"));
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(link)).StatusCode);
    }
}
