using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;

namespace EmploymentDashboard.Tests.Infrastructure;

/// <summary>Checks on a rendered page: what the public may see, and charts that show the same numbers as their tables.</summary>
public static class PublicFigures
{
    /// <summary>
    /// Figures published as they are (ADR 0010): quota obligations (employers with a quota, places set), special
    /// workplaces and pending applications are administrative decisions, not counts of people; unfilled places
    /// are places set less places filled as published, derived from those two (QuotaPageTests checks that).
    /// </summary>
    public static bool IsAdministrative(IElement element) =>
        element.Closest("#special-workplaces-table, #pending-table") is not null
        || element.GetAttribute("data-column") is "employers" or "set"
        || (element.GetAttribute("data-column") is "unfilled" && element.Closest("#quota-unfilled-table") is not null)
        || element.GetAttribute("data-indicator") is "quota_places_unfilled"
        || element.GetAttribute("data-indicator") is "quota_employers" or "quota_places_set" or "special_workplaces" or "pending_applications" or "pending_places"
        || element.Closest("[data-indicator]")?.GetAttribute("data-indicator") is "quota_employers" or "quota_places_set" or "special_workplaces" or "pending_applications" or "pending_places";

    /// <summary>Fails when any data-value (rates and administrative figures excepted), shown table cell or chart value is a count from 1 to k − 1.</summary>
    public static void AssertNoSmallCounts(IDocument page, int k, string url)
    {
        foreach (var figure in page.QuerySelectorAll("[data-value]").Where(e => !IsAdministrative(e)))
        {
            var value = decimal.Parse(figure.GetAttribute("data-value")!, CultureInfo.InvariantCulture);
            var isRate = figure.GetAttribute("data-indicator")?.EndsWith("_percent", StringComparison.Ordinal) == true || figure.GetAttribute("data-kind") is "change";
            Assert.False(!isRate && value >= 1 && value < k, $"{url}: a count of {value} is published: {figure.OuterHtml}");
        }

        foreach (var cell in page.QuerySelectorAll(".card__value, td.num").Where(e => e.GetAttribute("data-indicator")?.EndsWith("_percent", StringComparison.Ordinal) != true && !IsAdministrative(e)))
        {
            var text = cell.TextContent.Trim().Replace("\u00A0", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
            if (long.TryParse(text, out var shown))
            {
                Assert.False(shown >= 1 && shown < k, $"{url}: the text {cell.TextContent} is a small count.");
            }
        }

        foreach (var chart in page.QuerySelectorAll("script[type='application/json']"))
        {
            using var json = JsonDocument.Parse(chart.TextContent);
            // The special workplaces chart and the places-set series of the quota chart draw administrative figures.
            var datasets = json.RootElement.GetProperty("datasets").EnumerateArray()
                .Where(d => chart.Id != "special-workplaces-data" && !(d.GetProperty("code").GetString() ?? string.Empty).StartsWith("set", StringComparison.Ordinal));
            foreach (var value in datasets.SelectMany(d => d.GetProperty("data").EnumerateArray()))
            {
                Assert.False(value.ValueKind == JsonValueKind.Number && value.GetDecimal() >= 1 && value.GetDecimal() < k, $"{url}: the chart {chart.Id} carries a small count.");
            }
        }
    }

    /// <summary>
    /// The chart in script#<paramref name="chartId"/> equals its table: same categories in the same order, and for each
    /// series the values and withheld flags of the cells <paramref name="cellOf"/> finds in each row.
    /// </summary>
    public static int AssertChartEqualsTable(IDocument page, string chartId, IReadOnlyList<IElement> rows, Func<IElement, string, IElement> cellOf)
    {
        var script = page.QuerySelector($"script#{chartId}") ?? throw new Xunit.Sdk.XunitException($"No chart data {chartId}.");
        using var chart = JsonDocument.Parse(script.TextContent);
        var categories = chart.RootElement.GetProperty("categories").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Equal(rows.Select(r => r.GetAttribute("data-district") ?? r.GetAttribute("data-category")), categories);
        var labels = chart.RootElement.GetProperty("labels").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Equal(rows.Select(r => r.QuerySelector("th")!.TextContent.Trim()), labels);

        var datasets = chart.RootElement.GetProperty("datasets").EnumerateArray().ToList();
        Assert.NotEmpty(datasets);
        foreach (var dataset in datasets)
        {
            var code = dataset.GetProperty("code").GetString()!;
            var values = dataset.GetProperty("data").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (long?)null : v.GetInt64()).ToList();
            var suppressed = dataset.GetProperty("suppressed").EnumerateArray().Select(v => v.GetBoolean()).ToList();
            var cells = rows.Select(r => cellOf(r, code)).ToList();
            Assert.Equal(cells.Select(c => c.ShownValueOf()), values);
            Assert.Equal(cells.Select(c => c.HasAttribute("data-suppressed")), suppressed);
        }

        return datasets.Count;
    }
}
