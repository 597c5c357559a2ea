using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Web;

/// <summary>The employment context (/Context), the district map (/Map) and the definitions (/Definitions), over HTTP from the demo data.</summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed partial class ContextMapDefinitionPageTests(DemoDatabaseFixture fixture)
{
    private const int K = 5;

    private static readonly string[] _districtCodes =
    [
        "karaganda-city", "temirtau-city", "balkhash-city", "saran-city", "shakhtinsk-city", "priozersk-city",
        "abay-district", "aktogay-district", "bukhar-zhyrau-district", "karkaraly-district", "nura-district", "osakarov-district", "shet-district",
    ];

    public static TheoryData<string> Pages() =>
    [
        "/Context", "/Context?year=2024", "/Context?from=2023-01&to=2025-12", "/Context?district=nura-district", "/Context?lang=kk", "/Context?lang=en&year=2023",
        "/Map", "/Map?indicator=events", "/Map?indicator=per_1000", "/Map?indicator=quota_places", "/Map?indicator=grants", "/Map?indicator=people_covered&year=2023&lang=en",
        "/Map?indicator=events&group=1&sex=female", "/Map?indicator=grants&district=priozersk-city", "/Map?measure=social_jobs&age=60-plus",
        "/Definitions", "/Definitions?lang=kk", "/Definitions?lang=en",
    ];

    public static TheoryData<string> BadRequests() =>
    [
        "/Context?year=abc", "/Context?district=atlantis", "/Context?from=2025-13", "/Map?year=abc", "/Map?district=atlantis", "/Map?indicator=drop",
        "/Map?indicator=people_covered%27%3B", "/Map?indicator=drop&year=abc",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_answers_200_for_the_public_and_for_staff(string url)
    {
        foreach (var client in new[] { fixture.App.CreatePlainClient(), await fixture.StaffClientAsync() })
        {
            var (response, page) = await HtmlPage.GetAsync(client, url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(page.QuerySelector("[data-problem]"));
        }
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Invalid_filters_answer_400_with_the_problem(string url)
    {
        foreach (var client in new[] { fixture.App.CreatePlainClient(), await fixture.StaffClientAsync() })
        {
            var (response, page) = await HtmlPage.GetAsync(client, url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.NotNull(page.QuerySelector("[data-problem]"));
        }
    }

    [Fact]
    public async Task An_unknown_indicator_is_named_in_the_problem()
    {
        var (_, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), "/Map?indicator=drop&lang=en");

        var problem = page.QuerySelector("[data-problem]")!.TextContent;
        Assert.Contains("drop", problem, StringComparison.Ordinal);
        Assert.Contains("per_1000", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Context_shows_the_published_2025_totals_to_staff()
    {
        var (response, page) = await HtmlPage.GetAsync(await fixture.StaffClientAsync(), "/Context?year=2025");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        IElement Total(string column) => page.QuerySelector($"#context-table tfoot td[data-year='2025'][data-column='{column}']")!;
        Assert.Equal(55_000, Total("people_with_disabilities").ValueOf());
        Assert.Equal(27_500, Total("working_age").ValueOf());
        Assert.Equal(11_000, Total("employed").ValueOf());
        Assert.Equal("40.0", Total("employment_rate_percent").GetAttribute("data-value"));
        Assert.Empty(page.QuerySelectorAll("[data-suppressed]"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Context_lists_every_district_for_every_year_of_the_period(bool staff)
    {
        var client = staff ? await fixture.StaffClientAsync() : fixture.App.CreatePlainClient();
        var (_, page) = await HtmlPage.GetAsync(client, "/Context?from=2023-01&to=2025-12");

        Assert.Equal(_districtCodes, page.QuerySelectorAll("#context-table tbody tr").Select(r => r.GetAttribute("data-district")));
        var years = page.QuerySelectorAll("#context-table thead th[scope='colgroup']").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal(["2023", "2024", "2025"], years);

        // The district rows of each year add up to the total shown, where every figure is shown.
        foreach (var year in years)
        {
            foreach (var column in new[] { "people_with_disabilities", "working_age", "employed" })
            {
                var cells = page.QuerySelectorAll($"#context-table tbody td[data-year='{year}'][data-column='{column}']").ToList();
                var total = page.QuerySelector($"#context-table tfoot td[data-year='{year}'][data-column='{column}']")!;
                if (cells.All(c => c.HasAttribute("data-value")) && total.HasAttribute("data-value"))
                {
                    Assert.Equal(total.ValueOf(), cells.Sum(c => c.ValueOf()));
                }
            }
        }
    }

    [Theory]
    [InlineData("/Context", false)]
    [InlineData("/Context", true)]
    [InlineData("/Context?year=2023&lang=en", false)]
    public async Task Context_chart_data_equal_its_table(string url, bool staff)
    {
        var client = staff ? await fixture.StaffClientAsync() : fixture.App.CreatePlainClient();
        var (_, page) = await HtmlPage.GetAsync(client, url);

        using var chart = JsonDocument.Parse(page.QuerySelector("#population-data")!.TextContent);
        var rows = page.QuerySelectorAll("#population-table tbody tr").ToList();
        Assert.Equal(rows.Select(r => r.GetAttribute("data-category")), chart.RootElement.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(_districtCodes, rows.Select(r => r.GetAttribute("data-category")));
        var datasets = chart.RootElement.GetProperty("datasets").EnumerateArray().ToList();
        Assert.Equal(["people_with_disabilities", "working_age", "employed"], datasets.Select(d => d.GetProperty("code").GetString()));
        foreach (var dataset in datasets)
        {
            var code = dataset.GetProperty("code").GetString();
            var values = dataset.GetProperty("data").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (long?)null : v.GetInt64()).ToList();
            Assert.Equal(rows.Select(r => r.QuerySelector($"td[data-series='{code}']")!.ShownValueOf()), values);
        }

        // The chart's year is the last of the period, the same numbers as the big table.
        var lastYear = page.QuerySelectorAll("#context-table thead th[scope='colgroup']").Last().TextContent.Trim();
        var tableValues = page.QuerySelectorAll($"#context-table tbody td[data-year='{lastYear}'][data-column='people_with_disabilities']").Select(c => c.ShownValueOf());
        Assert.Equal(tableValues, datasets[0].GetProperty("data").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (long?)null : v.GetInt64()));
    }

    [Theory]
    [InlineData("/Map", false)]
    [InlineData("/Map", true)]
    [InlineData("/Map?indicator=events", false)]
    [InlineData("/Map?indicator=per_1000", false)]
    [InlineData("/Map?indicator=per_1000", true)]
    [InlineData("/Map?indicator=quota_places", false)]
    [InlineData("/Map?indicator=grants", false)]
    [InlineData("/Map?indicator=grants", true)]
    [InlineData("/Map?indicator=people_covered&group=1&sex=female&year=2023", false)]
    public async Task Map_circles_carry_the_same_numbers_as_the_table_once_per_district(string url, bool staff)
    {
        var client = staff ? await fixture.StaffClientAsync() : fixture.App.CreatePlainClient();
        var (_, page) = await HtmlPage.GetAsync(client, url);

        var circles = page.QuerySelectorAll("svg.map__svg circle").ToList();
        var rows = page.QuerySelectorAll("#map-table tbody tr").ToList();
        Assert.Equal(_districtCodes, rows.Select(r => r.GetAttribute("data-district")));
        Assert.Equal(_districtCodes.Order(), circles.Select(c => c.GetAttribute("data-district")).Order());
        foreach (var row in rows)
        {
            var code = row.GetAttribute("data-district");
            var circle = circles.Single(c => c.GetAttribute("data-district") == code);
            var cell = row.QuerySelector("td")!;
            Assert.Equal(cell.GetAttribute("data-value"), circle.GetAttribute("data-value"));
            Assert.Equal(cell.GetAttribute("data-suppressed"), circle.GetAttribute("data-suppressed"));
            Assert.Contains(cell.TextContent.Trim(), circle.ParentElement!.QuerySelector("text")!.TextContent, StringComparison.Ordinal);
        }

        // Area proportional to the value: r² / value is the same for every shown, non-zero circle.
        var shown = circles.Where(c => c.GetAttribute("data-value") is { } v && decimal.Parse(v, CultureInfo.InvariantCulture) > 0).ToList();
        Assert.NotEmpty(shown);
        var ratios = shown.Select(c => Math.Pow(Radius(c), 2) / double.Parse(c.GetAttribute("data-value")!, CultureInfo.InvariantCulture)).ToList();
        Assert.All(ratios, r => Assert.Equal(ratios[0], r, ratios[0] * 0.05));
    }

    [Fact]
    public async Task Small_map_values_are_perturbed_not_withheld_and_label_their_markers()
    {
        // Few women of group I in a year: small counts that the public map shows perturbed.
        var (_, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), "/Map?group=1&sex=female&year=2023");

        Assert.Empty(page.QuerySelectorAll("svg.map__svg circle[data-suppressed]"));
        foreach (var circle in page.QuerySelectorAll("svg.map__svg circle[data-value]"))
        {
            var value = long.Parse(circle.GetAttribute("data-value")!, CultureInfo.InvariantCulture);
            Assert.False(value is >= 1 and < K);
            Assert.EndsWith(": " + value.ToString("N0", CultureInfo.GetCultureInfo("ru")), circle.ParentElement!.QuerySelector("text")!.TextContent.Trim(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_map_is_accessible_svg_without_inline_script_or_style()
    {
        var response = await fixture.App.CreatePlainClient().GetAsync("/Map");
        var html = await response.Content.ReadAsStringAsync();
        var page = await HtmlPage.ParseAsync(html);

        var svg = page.QuerySelector("svg.map__svg")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.False(string.IsNullOrWhiteSpace(svg.GetAttribute("aria-label")));
        Assert.False(string.IsNullOrWhiteSpace(svg.QuerySelector("title")?.TextContent));
        Assert.Equal(_districtCodes.Length, svg.QuerySelectorAll("text.map__label").Length);
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.Empty(page.QuerySelectorAll("script:not([src]):not([type='application/json'])"));
        Assert.Empty(svg.QuerySelectorAll("path, polygon"));

        // Every circle lies inside the drawing.
        var box = svg.GetAttribute("viewBox")!.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        foreach (var circle in svg.QuerySelectorAll("circle"))
        {
            var x = double.Parse(circle.GetAttribute("cx")!, CultureInfo.InvariantCulture);
            var y = double.Parse(circle.GetAttribute("cy")!, CultureInfo.InvariantCulture);
            Assert.InRange(x - Radius(circle), 0, box[2]);
            Assert.InRange(y - Radius(circle), 0, box[3]);
            Assert.InRange(x + Radius(circle), 0, box[2]);
            Assert.InRange(y + Radius(circle), 0, box[3]);
        }

        // North is up and east is right: Temirtau lies north of Balkhash, Karkaraly east of Nura.
        double Coordinate(string district, string attribute) => double.Parse(svg.QuerySelector($"circle[data-district='{district}']")!.GetAttribute(attribute)!, CultureInfo.InvariantCulture);
        Assert.True(Coordinate("temirtau-city", "cy") < Coordinate("balkhash-city", "cy"));
        Assert.True(Coordinate("karkaraly-district", "cx") > Coordinate("nura-district", "cx"));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task No_public_page_shows_a_count_between_1_and_k_minus_1(string url)
    {
        var response = await fixture.App.CreatePlainClient().GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        var page = await HtmlPage.ParseAsync(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The rate, and quota places set (an administrative figure, published as it is: ADR 0010), are not counts of people.
        var isRateView = url.Contains("indicator=per_1000", StringComparison.Ordinal) || url.Contains("indicator=quota_places", StringComparison.Ordinal);
        foreach (var figure in page.QuerySelectorAll("[data-value]"))
        {
            var isRate = isRateView || figure.GetAttribute("data-indicator")?.EndsWith("_percent", StringComparison.Ordinal) == true;
            var value = decimal.Parse(figure.GetAttribute("data-value")!, CultureInfo.InvariantCulture);
            Assert.False(!isRate && value is >= 1 and < K, $"{url}: a count of {value} is published: {figure.OuterHtml}");
        }

        foreach (var cell in page.QuerySelectorAll("td.num").Where(td => td.GetAttribute("data-indicator")?.EndsWith("_percent", StringComparison.Ordinal) != true && !isRateView))
        {
            var text = cell.TextContent.Trim().Replace("\u00A0", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
            if (long.TryParse(text, out var shown))
            {
                Assert.False(shown is >= 1 and < K, $"{url}: the text {cell.TextContent} is a small count.");
            }
        }

        foreach (var chart in page.QuerySelectorAll("script[type='application/json']"))
        {
            using var json = JsonDocument.Parse(chart.TextContent);
            foreach (var value in json.RootElement.GetProperty("datasets").EnumerateArray().SelectMany(d => d.GetProperty("data").EnumerateArray()))
            {
                Assert.False(value.ValueKind == JsonValueKind.Number && value.GetInt64() is >= 1 and < K, $"{url}: the chart data carry a small count.");
            }
        }

        foreach (var label in page.QuerySelectorAll("text.map__label").Select(t => t.TextContent))
        {
            var number = label[(label.LastIndexOf(':') + 1)..].Replace("‰", string.Empty, StringComparison.Ordinal).Trim();
            if (!isRateView && long.TryParse(number.Replace("\u00A0", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal), out var shown))
            {
                Assert.False(shown is >= 1 and < K, $"{url}: the map label {label} is a small count.");
            }
        }
    }

    [Fact]
    public async Task The_public_map_perturbs_what_staff_see_exactly()
    {
        var (_, publicPage) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), "/Map?indicator=events&group=1&year=2023");
        var (_, staffPage) = await HtmlPage.GetAsync(await fixture.StaffClientAsync(), "/Map?indicator=events&group=1&year=2023");

        Assert.Empty(staffPage.QuerySelectorAll("[data-suppressed]"));
        Assert.Empty(publicPage.QuerySelectorAll("#map-table td[data-suppressed]"));
        var staff = staffPage.QuerySelectorAll("#map-table td[data-value]").Select(td => td.ValueOf()).ToList();
        var visitor = publicPage.QuerySelectorAll("#map-table td[data-value]").Select(td => td.ValueOf()).ToList();
        Assert.Contains(staff, v => v is >= 1 and < K);
        Assert.DoesNotContain(visitor, v => v is >= 1 and < K);
        Assert.All(staff.Zip(visitor), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 5));
    }

    [Fact]
    public async Task Every_definition_anchor_the_app_links_to_exists()
    {
        var (_, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), "/Definitions");
        var ids = page.QuerySelectorAll("[id]").Select(e => e.Id).ToHashSet();

        var web = RepositoryFiles.PathOf("src", "EmploymentDashboard.Web");
        var linked = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => DefinitionReference().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Id: m.Groups["id"].Value)))
            .Where(l => !l.Id.EndsWith('_')) // a prefix completed at run time (events_@code): checked on the rendered pages below
            .ToList();
        Assert.Contains(linked, l => l.Id == "events");

        // The map links to the definition of each of its indicators.
        foreach (var indicator in new[] { "people_covered", "events", "per_1000", "quota_places", "grants" })
        {
            var (_, map) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), $"/Map?indicator={indicator}");
            linked.AddRange(map.QuerySelectorAll("a[href*='/Definitions#']").Select(a => ("Map", a.GetAttribute("href")!.Split('#')[1])));
        }

        foreach (var url in new[] { "/Context", "/", "/Districts", "/Districts/karaganda-city", "/Measures/vacancy", "/Measures/business_grant", "/Quotas", "/Grants" })
        {
            var (_, rendered) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), url);
            linked.AddRange(rendered.QuerySelectorAll("a[href*='/Definitions#']").Select(a => (url, a.GetAttribute("href")!.Split('#')[1])));
        }

        var missing = linked.Where(l => !ids.Contains(l.Id)).Select(l => $"{l.File}: {l.Id}").Distinct().ToList();
        Assert.True(missing.Count == 0, $"Links to missing definitions: {string.Join(", ", missing)}");
    }

    [Theory]
    [InlineData("ru")]
    [InlineData("kk")]
    [InlineData("en")]
    public async Task Definitions_cover_every_indicator_and_measure_in_each_language(string language)
    {
        var (response, page) = await HtmlPage.GetAsync(fixture.App.CreatePlainClient(), $"/Definitions?lang={language}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string[] expected =
        [
            "people_covered", "events", "grants_count", "grants_amount", "quota_places_set", "quota_places_filled", "quota_fulfilment",
            "special_workplaces", "pending_applications", "people_with_disabilities", "working_age", "employed", "employment_rate", "per_1000",
        ];
        var measures = typeof(MeasureCodes).GetFields().Where(f => f.IsLiteral).Select(f => "events_" + (string)f.GetRawConstantValue()!);
        foreach (var id in expected.Concat(measures))
        {
            var section = page.QuerySelector($"section.definition[id='{id}']");
            Assert.True(section is not null, $"No definition '{id}'.");
            Assert.Equal(3, section.QuerySelectorAll("dd").Length);
            Assert.DoesNotContain("Definitions.", section.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain("Indicator.", section.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal("people", page.QuerySelector("#people_covered")!.GetAttribute("data-counts"));
        Assert.Equal("events", page.QuerySelector("#events")!.GetAttribute("data-counts"));
        Assert.All(measures, id => Assert.Equal("events", page.QuerySelector($"[id='{id}']")!.GetAttribute("data-counts")));
        Assert.NotNull(page.QuerySelector("[data-warning]"));
    }

    private static double Radius(IElement circle) => double.Parse(circle.GetAttribute("r")!, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?:[Dd]efinition\s*=\s*""|/Definitions#)(?<id>[a-z0-9_]+)")]
    private static partial Regex DefinitionReference();
}
