using System.Net;
using System.Text.Json;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Exports;

/// <summary>The open-data JSON API: the dashboard tables at stable versioned URLs, with the page's filters and disclosure rules.</summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class OpenDataApiTests(DemoDatabaseFixture fixture)
{
    [Theory]
    [InlineData("/api/v1/overview/overview-by-month-table?year=2025", "/?year=2025", "overview-by-month-table")]
    [InlineData("/api/v1/overview/placements-table?year=2024&lang=en", "/?year=2024&lang=en", "placements-table")]
    [InlineData("/api/v1/districts/districts-comparison", "/Districts", "districts-comparison")]
    [InlineData("/api/v1/districts/abay-district/district-abay-district-by-sex-table?from=2025-01&to=2025-06", "/Districts/abay-district?from=2025-01&to=2025-06", "district-abay-district-by-sex-table")]
    [InlineData("/api/v1/measures/silver_age/measure-silver_age-by-district-table", "/Measures/silver_age", "measure-silver_age-by-district-table")]
    [InlineData("/api/v1/context/context-table", "/Context", "context-table")]
    public async Task A_table_as_json_has_the_numbers_of_the_page(string api, string pageUrl, string tableId)
    {
        foreach (var client in new[] { fixture.App.CreatePlainClient(), await fixture.StaffClientAsync() })
        {
            var response = await client.GetAsync(api);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var (_, page) = await HtmlPage.GetAsync(client, pageUrl);
            var htmlRows = page.GetElementById(tableId)!.QuerySelectorAll("tbody tr, tfoot tr").ToList();
            var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();

            Assert.Equal(tableId, json.RootElement.GetProperty("table").GetString());
            Assert.Equal(htmlRows.Count, rows.Count);
            for (var r = 0; r < rows.Count; r++)
            {
                var cells = htmlRows[r].Children.Where(c => c.LocalName is "td" or "th").ToList();
                var values = rows[r].EnumerateArray().ToList();
                for (var c = 0; c < cells.Count; c++)
                {
                    if (values[c].ValueKind == JsonValueKind.Object)
                    {
                        var value = values[c].GetProperty("value");
                        Assert.Equal(cells[c].GetAttribute("data-value"), value.ValueKind == JsonValueKind.Null ? null : value.GetDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture));
                        Assert.Equal(cells[c].HasAttribute("data-suppressed"), values[c].GetProperty("suppressed").GetBoolean());
                    }
                }
            }
        }
    }

    [Fact]
    public async Task The_public_gets_every_count_perturbed_none_withheld_and_no_small_counts()
    {
        var response = await fixture.App.CreatePlainClient().GetStringAsync("/api/v1/overview/placements-table?year=2025");
        using var json = JsonDocument.Parse(response);

        Assert.Equal("public", json.RootElement.GetProperty("audience").GetString());
        var figures = json.RootElement.GetProperty("rows").EnumerateArray().SelectMany(r => r.EnumerateArray()).Where(c => c.ValueKind == JsonValueKind.Object).ToList();
        Assert.All(figures, f => Assert.False(f.GetProperty("suppressed").GetBoolean()));
        Assert.All(figures, f => Assert.False(f.GetProperty("value").ValueKind == JsonValueKind.Number && f.GetProperty("value").GetDecimal() is >= 1 and < 5));
        Assert.Contains(json.RootElement.GetProperty("columns").EnumerateArray(), c => c.GetProperty("code").GetString() == "vacancy");
    }

    [Theory]
    [InlineData("/api/v1/overview/overview-by-month-table?year=abc", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/overview/overview-by-month-table?district=atlantis", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/overview/no-such-table", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/districts/atlantis/some-table", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/overview/a/b/c", HttpStatusCode.NotFound)]
    public async Task Errors_are_problem_json_with_the_reason(string url, HttpStatusCode expected)
    {
        var response = await fixture.App.CreatePlainClient().GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task The_app_serves_an_openapi_document_describing_the_api()
    {
        var response = await fixture.App.CreatePlainClient().GetAsync("/api/v1/openapi.json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("3.", json.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/{dashboard}/{table}", paths);
        Assert.Contains("/api/v1/{dashboard}/{code}/{table}", paths);
        Assert.Contains("/exports/records/{dataset}.csv", paths);
        var parameters = json.RootElement.GetProperty("paths").GetProperty("/api/v1/{dashboard}/{table}").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        foreach (var filter in new[] { "year", "from", "to", "district", "measure", "group", "sex", "age", "lang" })
        {
            Assert.Contains(filter, parameters);
        }
    }
}
