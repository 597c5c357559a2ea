using System.Globalization;
using EmploymentDashboard.Data.Disclosure;
using Microsoft.AspNetCore.Html;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// The machine-readable side of a figure on a page: data-value="123" when shown, data-suppressed="Reason"
/// when withheld (only a rate can be) (Razor renders data-* attributes even when their value is null, so they are written here).
/// </summary>
public static class FigureAttributes
{
    public static HtmlString For(DisclosedValue value) => value.Value is { } shown
        ? new HtmlString($"data-value=\"{shown.ToString(CultureInfo.InvariantCulture)}\"")
        : new HtmlString($"data-suppressed=\"{value.Reason}\"");

    public static HtmlString For(DisclosedRate rate) => rate.Value is { } shown
        ? new HtmlString($"data-value=\"{shown.ToString("0.0", CultureInfo.InvariantCulture)}\"")
        : new HtmlString($"data-suppressed=\"{rate.Reason}\"");

    /// <summary>A cell of the table model: its figure with the decimals it is shown with, or the reason it is withheld; nothing for a blank.</summary>
    public static HtmlString For(Data.Tables.StatCell cell) => cell.IsWithheld
        ? new HtmlString($"data-suppressed=\"{cell.Reason}\"")
        : cell.Invariant is { } shown ? new HtmlString($"data-value=\"{shown}\"") : HtmlString.Empty;

    public static HtmlString For(decimal amount) => new($"data-value=\"{amount.ToString("0", CultureInfo.InvariantCulture)}\"");
}
