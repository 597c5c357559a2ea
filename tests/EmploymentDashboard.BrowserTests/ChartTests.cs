using System.Text.Json;
using EmploymentDashboard.BrowserTests.Infrastructure;

namespace EmploymentDashboard.BrowserTests;

/// <summary>charts.js draws every chart from its JSON, under the strict CSP, and exports it as PNG.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChartTests(DashboardBrowserFixture fixture)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // For each canvas: the Chart.js instance's labels and data next to those of the JSON it was drawn
    // from, both serialised by the browser so that numbers are written the same way.
    private const string ChartsScript = """
        () => JSON.stringify(Array.from(document.querySelectorAll("canvas[data-chart]")).map((canvas) => {
          const source = document.getElementById(canvas.dataset.chart);
          const json = source ? JSON.parse(source.textContent) : null;
          const chart = canvas.chartInstance;
          return {
            id: canvas.id,
            hasSource: source !== null,
            hasInstance: chart !== undefined,
            expectedLabels: JSON.stringify(json ? json.labels : null),
            actualLabels: JSON.stringify(chart ? chart.data.labels : null),
            expectedData: JSON.stringify(json ? json.datasets.map((d) => d.data) : null),
            actualData: JSON.stringify(chart ? chart.data.datasets.map((d) => d.data) : null),
            elements: chart ? chart.data.datasets.map((d, i) => chart.getDatasetMeta(i).data.length) : [],
            width: canvas.width,
            height: canvas.height
          };
        }))
        """;

    [Theory]
    [InlineData("/")]
    [InlineData("/?lang=en&year=2024&district=temirtau-city")]
    [InlineData("/Districts")]
    [InlineData("/Districts/karaganda-city")]
    [InlineData("/Measures/vacancy")]
    public async Task Every_chart_is_drawn_from_its_json_without_console_errors_or_csp_violations(string path)
    {
        await using var session = await fixture.NewSessionAsync();
        await session.GotoAsync(path);

        var charts = JsonSerializer.Deserialize<ChartState[]>(await session.Page.EvaluateAsync<string>(ChartsScript), JsonSerializerOptions.Web)!;

        Assert.NotEmpty(charts);
        Assert.Equal(await session.Page.Locator("script[type='application/json']").CountAsync(), charts.Length);
        foreach (var chart in charts)
        {
            Assert.True(chart.HasSource, $"{chart.Id}: no JSON element");
            Assert.True(chart.HasInstance, $"{chart.Id}: not drawn (no chartInstance)");
            Assert.Equal(chart.ExpectedLabels, chart.ActualLabels);
            Assert.Equal(chart.ExpectedData, chart.ActualData);
            var labelCount = JsonSerializer.Deserialize<JsonElement>(chart.ExpectedLabels).GetArrayLength();
            Assert.All(chart.Elements, count => Assert.Equal(labelCount, count));
            Assert.True(chart.Width > 100 && chart.Height > 100, $"{chart.Id}: canvas is {chart.Width}x{chart.Height}");
        }

        await session.AssertNoProblemsAsync();
    }

    [Fact]
    public async Task A_withheld_value_is_drawn_as_a_hatched_stub_labelled_c_not_as_a_zero_length_bar()
    {
        await using var session = await fixture.NewSessionAsync();

        // The demo data withhold no rate on /Districts, so the page is served with its first rate marked withheld,
        // as the table model marks a rate on a small base: null and flagged.
        await session.Page.RouteAsync("**/Districts", async route =>
        {
            var response = await route.FetchAsync();
            var html = await response.TextAsync();
            var start = html.IndexOf("id=\"districts-per-1000-data\">", StringComparison.Ordinal) + "id=\"districts-per-1000-data\">".Length;
            var end = html.IndexOf("</script>", start, StringComparison.Ordinal);
            var chart = System.Text.Json.Nodes.JsonNode.Parse(html[start..end])!;
            chart["datasets"]![0]!["data"]![0] = null;
            chart["datasets"]![0]!["suppressed"]![0] = true;
            await route.FulfillAsync(new() { Response = response, Body = html[..start] + chart.ToJsonString() + html[end..] });
        });
        await session.GotoAsync("/Districts");

        // Dark pixels (the mark's colour) in the first category's row, from the value axis out: the hatched stub and its
        // "c". A zero-length bar would leave that strip blank (grid lines are light grey).
        var dark = await session.Page.Locator("#districts-per-1000-chart").EvaluateAsync<int>("""
            (canvas) => {
              const chart = canvas.chartInstance;
              const ratio = chart.currentDevicePixelRatio;
              const along = chart.scales.y.getPixelForValue(0);
              const base = chart.scales.x.getPixelForValue(0);
              const pixels = canvas.getContext("2d").getImageData(Math.round((base + 2) * ratio), Math.round((along - 6) * ratio), Math.round(30 * ratio), Math.round(12 * ratio)).data;
              let count = 0;
              for (let i = 0; i < pixels.length; i += 4) {
                if (pixels[i] < 90 && pixels[i + 1] < 90 && pixels[i + 2] < 90 && pixels[i + 3] > 200) { count++; }
              }
              return count;
            }
            """);
        Assert.True(dark > 20, $"only {dark} dark pixels where the withheld value is");
    }

    [Fact]
    public async Task Overview_screenshot_is_saved_for_a_human_to_look_at()
    {
        await using var session = await fixture.NewSessionAsync();
        await session.GotoAsync("/");

        var path = await session.ScreenshotAsync("overview-ru");

        Assert.True(new FileInfo(path).Length > 50_000, $"{path} is suspiciously small");
        await session.AssertNoProblemsAsync();
    }

    [Fact]
    public async Task Download_png_button_saves_the_chart_as_a_png_file()
    {
        await using var session = await fixture.NewSessionAsync();
        await session.GotoAsync("/");
        var section = session.Page.Locator("[data-chart-table]:has(button[data-download])").First;
        var button = section.Locator("button[data-download]");
        var expectedName = await button.GetAttributeAsync("data-filename");

        var download = await session.Page.RunAndWaitForDownloadAsync(() => button.ClickAsync());
        var file = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(file);

        Assert.Null(await download.FailureAsync());
        Assert.Equal(expectedName, download.SuggestedFilename);
        Assert.EndsWith(".png", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.True(bytes.Length > 5_000, $"the PNG has only {bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes[..PngSignature.Length]);
        await session.AssertNoProblemsAsync();
    }

    public sealed record ChartState(
        string Id,
        bool HasSource,
        bool HasInstance,
        string ExpectedLabels,
        string ActualLabels,
        string ExpectedData,
        string ActualData,
        int[] Elements,
        int Width,
        int Height);
}
