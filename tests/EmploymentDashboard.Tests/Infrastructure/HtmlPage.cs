using AngleSharp;
using AngleSharp.Dom;

namespace EmploymentDashboard.Tests.Infrastructure;

/// <summary>Fetches a page and parses its HTML with a real HTML parser.</summary>
public static class HtmlPage
{
    public static async Task<IDocument> ParseAsync(string html) =>
        await BrowsingContext.New(Configuration.Default).OpenAsync(request => request.Content(html));

    public static async Task<(HttpResponseMessage Response, IDocument Document)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        return (response, await ParseAsync(html));
    }

    /// <summary>The integer in an element's data-value attribute; fails when the figure is withheld.</summary>
    public static long ValueOf(this IElement element) =>
        element.ShownValueOf() ?? throw new Xunit.Sdk.XunitException($"The figure is withheld ({element.GetAttribute("data-suppressed")}): {element.OuterHtml}");

    /// <summary>The integer in an element's data-value attribute, or null when the figure is withheld (data-suppressed).</summary>
    public static long? ShownValueOf(this IElement element) =>
        element.GetAttribute("data-value") is { } value ? long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>The indicator card or cell with the given data-indicator name.</summary>
    public static IElement Indicator(this IDocument document, string name) =>
        document.QuerySelector($"[data-indicator='{name}']") ?? throw new Xunit.Sdk.XunitException($"No indicator '{name}' on the page.");
}
