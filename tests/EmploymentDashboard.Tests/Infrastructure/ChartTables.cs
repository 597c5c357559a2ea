using System.Text.Json;
using AngleSharp.Dom;

namespace EmploymentDashboard.Tests.Infrastructure;

/// <summary>Checks that every chart-with-table on a page draws exactly the numbers of its table.</summary>
public static class ChartTables
{
    public static int AssertEveryChartEqualsItsTable(IDocument page)
    {
        var sections = page.QuerySelectorAll("[data-chart-table]").ToList();
        foreach (var section in sections)
        {
            var id = section.GetAttribute("data-chart-table");

            // A figure without a chart (the ranked districts with in-cell bars, a plan table) is its table alone.
            if (section.QuerySelector($"script#{id}-data") is not { } data)
            {
                Assert.NotNull(section.QuerySelector("table.data-table"));
                Assert.Null(section.QuerySelector("canvas"));
                continue;
            }

            using var json = JsonDocument.Parse(data.TextContent);
            var rows = section.QuerySelectorAll($"#{id}-table tbody tr").ToList();
            Assert.Equal(rows.Select(r => r.GetAttribute("data-category")), json.RootElement.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
            Assert.Equal(rows.Select(r => r.QuerySelector("th")!.TextContent.Trim()), json.RootElement.GetProperty("labels").EnumerateArray().Select(c => c.GetString()));
            foreach (var dataset in json.RootElement.GetProperty("datasets").EnumerateArray())
            {
                var code = dataset.GetProperty("code").GetString();
                var chart = dataset.GetProperty("data").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.GetDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
                var table = rows.Select(r => r.QuerySelector($"td[data-series='{code}']")!.GetAttribute("data-value")).ToList();
                Assert.Equal(table, chart);
            }

            var canvas = section.QuerySelector("canvas")!;
            Assert.Equal("img", canvas.GetAttribute("role"));
            Assert.False(string.IsNullOrWhiteSpace(canvas.GetAttribute("aria-label")));
            Assert.False(string.IsNullOrWhiteSpace(section.QuerySelector(".chart-summary")!.TextContent));
            Assert.NotNull(section.QuerySelector("button[data-download]"));
        }

        return sections.Count;
    }
}
