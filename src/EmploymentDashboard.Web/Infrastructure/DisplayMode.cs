namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// The high-contrast, large-text display mode. The switch in the header (wwwroot/js/site.js) stores
/// the choice in a cookie; the layout reads it and marks the html element, so the first paint is
/// already in the chosen mode (no inline script, which the Content-Security-Policy forbids).
/// </summary>
public static class DisplayMode
{
    public const string CookieName = "display";

    public const string HighContrastValue = "high-contrast";

    public const string HighContrastClass = "high-contrast";

    public static bool IsHighContrast(HttpRequest request) =>
        request.Cookies.TryGetValue(CookieName, out var value) && value == HighContrastValue;
}
