using System.Globalization;
using EmploymentDashboard.BrowserTests.Infrastructure;

namespace EmploymentDashboard.BrowserTests;

/// <summary>
/// Charts for people who cannot rely on colour or a mouse: every series has its own fill pattern, light
/// colours get a dark border (3:1 for graphical objects), and the arrow keys walk through the data points
/// announcing the same values as the table next to the chart.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChartAccessibilityTests(DashboardBrowserFixture fixture)
{
    // For each dataset of a bar chart: the shape of its fill pattern (which pixels of the tile differ from
    // its main colour), that main colour's contrast with white, and its border's.
    private const string Marks = """
        (canvas) => {
          const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
          const lum = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
          const ratio = (a, b) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
          const white = [255, 255, 255];
          const hex = (h) => [1, 3, 5].map((i) => parseInt(h.substr(i, 2), 16));
          return canvas.chartInstance.data.datasets.map((d) => {
            const tile = d.backgroundColor.tile;
            const pixels = tile.getContext("2d").getImageData(0, 0, tile.width, tile.height).data;
            const colours = {};
            for (let i = 0; i < pixels.length; i += 4) {
              const key = pixels.slice(i, i + 3).join(",");
              colours[key] = (colours[key] || 0) + 1;
            }
            const main = Object.keys(colours).sort((a, b) => colours[b] - colours[a])[0];
            let mask = "";
            for (let i = 0; i < pixels.length; i += 4) mask += pixels.slice(i, i + 3).join(",") === main ? "0" : "1";
            const fill = main.split(",").map(Number);
            return { label: d.label, mask, fillContrast: ratio(fill, white), borderContrast: ratio(hex(d.borderColor), white), borderWidth: d.borderWidth };
          });
        }
        """;

    private const string LabelCollisions = """
        () => {
          const svg = document.querySelector("svg.map__svg");
          const view = svg.viewBox.baseVal;
          const labels = [...svg.querySelectorAll(".map__label")].map((t) => ({ text: t.textContent, box: t.getBBox() }));
          const problems = [];
          labels.forEach((a, i) => {
            const b = a.box;
            if (b.x < view.x || b.y < view.y || b.x + b.width > view.x + view.width || b.y + b.height > view.y + view.height) problems.push(`"${a.text}" leaves the map`);
            labels.slice(i + 1).forEach((o) => {
              const c = o.box;
              if (b.x < c.x + c.width && c.x < b.x + b.width && b.y < c.y + c.height && c.y < b.y + b.height) problems.push(`"${a.text}" overlaps "${o.text}"`);
            });
          });
          return problems;
        }
        """;

    [Fact]
    public async Task Eight_series_have_eight_distinct_patterns_and_light_marks_have_a_dark_border()
    {
        await using var session = await fixture.NewSessionAsync();
        await session.GotoAsync("/");

        var marks = await session.Page.Locator("#placements-chart").EvaluateAsync<Mark[]>(Marks);

        Assert.True(marks.Length >= 8, $"the overview's chart has {marks.Length} series, the test needs 8");
        Assert.Equal(marks.Length, marks.Select(m => m.Mask).Distinct().Count());
        Assert.Contains(marks, m => m.FillContrast < 3);
        Assert.All(marks, m =>
        {
            var edge = Math.Max(m.FillContrast, m.BorderContrast);
            Assert.True(edge >= 3 && m.BorderWidth >= 1, $"{m.Label}: fill {m.FillContrast:0.00}:1, border {m.BorderContrast:0.00}:1 against white");
        });
        await session.AssertNoProblemsAsync();
    }

    [Fact]
    public async Task Arrow_keys_walk_through_a_chart_reading_the_values_of_its_table()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.GotoAsync("/?lang=en");
        const string id = "overview-by-measure";
        var canvas = page.Locator($"#{id}-chart");
        var live = page.Locator($"#{id}-chart-point");
        Assert.Equal("polite", await live.GetAttributeAsync("aria-live"));

        // The canvas is a tab stop with instructions, reached by Tab like any control.
        Assert.Equal("0", await canvas.GetAttributeAsync("tabindex"));
        var instructions = await canvas.EvaluateAsync<string>("(c) => c.getAttribute('aria-describedby').split(' ').map((i) => document.getElementById(i).textContent).join(' ')");
        Assert.Contains("arrow keys", instructions, StringComparison.Ordinal);

        // The description names the largest and smallest values of each series, as the table has them.
        var events = (await page.Locator($"#{id}-table tbody tr").EvaluateAllAsync<string[][]>(
                "(rows) => rows.map((r) => [r.querySelector('th').textContent.trim(), r.querySelector('td').getAttribute('data-value') ?? '', r.querySelector('td').textContent.trim()])"))
            .Where(r => r[1].Length > 0)
            .Select(r => (Category: r[0], Value: double.Parse(r[1], CultureInfo.InvariantCulture), Shown: r[2]))
            .ToList();
        var largest = events.First(r => r.Value == events.Max(e => e.Value));
        var smallest = events.First(r => r.Value == events.Min(e => e.Value));
        Assert.Contains($"largest {largest.Category} ({largest.Shown})", instructions, StringComparison.Ordinal);
        Assert.Contains($"smallest {smallest.Category} ({smallest.Shown})", instructions, StringComparison.Ordinal);
        await canvas.FocusAsync();

        var rows = await page.Locator($"#{id}-table tbody tr").CountAsync();
        var headers = (await page.Locator($"#{id}-table thead th").AllTextContentsAsync()).Select(h => h.Trim()).ToList();
        var series = await canvas.EvaluateAsync<string[]>("(c) => c.chartInstance.data.datasets.map((d) => d.label)");
        Assert.True(rows > 1);
        Assert.NotEmpty(series);
        await page.Keyboard.PressAsync("Home");
        for (var s = 0; s < series.Length; s++)
        {
            // Each series of the chart is a column of the table, by its header.
            var column = headers.IndexOf(series[s]) - 1;
            Assert.True(column >= 0, $"the chart's series {series[s]} is no column of the table ({string.Join(", ", headers)})");
            for (var row = 0; row < rows; row++)
            {
                var cells = page.Locator($"#{id}-table tbody tr").Nth(row);
                var category = (await cells.Locator("th").TextContentAsync())!.Trim();
                var cell = cells.Locator("td").Nth(column);
                var value = await cell.GetAttributeAsync("data-suppressed") is null ? (await cell.TextContentAsync())!.Trim() : "withheld (base too small)";

                Assert.Equal($"{category}, {series[s]}: {value}", (await live.TextContentAsync())?.Trim());
                var active = await canvas.EvaluateAsync<int[]>("(c) => c.chartInstance.getActiveElements().map((e) => [e.datasetIndex, e.index]).flat()");
                Assert.Equal(new[] { s, row }, active);
                await page.Keyboard.PressAsync("ArrowRight");
            }

            await page.Keyboard.PressAsync("ArrowDown");
            await page.Keyboard.PressAsync("Home");
        }

        await session.AssertNoProblemsAsync();
    }

    [Theory]
    [InlineData("/Map?lang=ru")]
    [InlineData("/Map?lang=kk&indicator=per_1000")]
    [InlineData("/Map?lang=en&indicator=grants")]
    public async Task Map_labels_never_overlap_and_stay_on_the_map(string path)
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.GotoAsync(path);
        var collisions = await page.EvaluateAsync<string[]>(LabelCollisions);
        Assert.True(collisions.Length == 0, string.Join(Environment.NewLine, collisions));

        // Larger text (the large-text switch) is placed again.
        await page.Locator("[data-display-switch]").ClickAsync();
        collisions = await page.EvaluateAsync<string[]>(LabelCollisions);
        Assert.True(collisions.Length == 0, "with large text: " + string.Join(Environment.NewLine, collisions));
        await session.AssertNoProblemsAsync();
    }

    private sealed class Mark
    {
        public string Label { get; set; } = string.Empty;

        public string Mask { get; set; } = string.Empty;

        public double FillContrast { get; set; }

        public double BorderContrast { get; set; }

        public double BorderWidth { get; set; }
    }
}
