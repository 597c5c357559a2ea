using System.Globalization;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Tables;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>Puts the labels of a table model into the reader's language: resource keys through the localizer, names from the database by culture.</summary>
public static class TableText
{
    public static string Text(this IStringLocalizer localizer, Label label) => Text(localizer, label, CultureInfo.CurrentCulture);

    public static string Text(this IStringLocalizer localizer, Label label, CultureInfo culture)
    {
        if (label.Fixed is not null)
        {
            return label.Fixed;
        }

        if (label.Name is { } name)
        {
            return name.For(culture);
        }

        var args = label.Args.Select(a => a switch
        {
            Label inner => Text(localizer, inner, culture),
            LocalizedName n => n.For(culture),
            Figure f => f.Value.ToString("N" + f.Decimals.ToString(CultureInfo.InvariantCulture), culture),
            _ => a,
        }).ToArray();
        return localizer[label.Key!, args];
    }

    /// <summary>The text of a cell: words in the reader's language, or the figure as the table shows it.</summary>
    public static string Cell(this IStringLocalizer localizer, StatCell cell, StatColumn column, Unit? unit = null) =>
        cell.Text is { } words ? Text(localizer, words)
        : (unit ?? column.Unit) == Unit.Percent && cell.Value is not null ? cell.Display(CultureInfo.CurrentCulture) + "%"
        : (unit ?? column.Unit) == Unit.Change && cell.Value is > 0 ? "+" + cell.Display(CultureInfo.CurrentCulture)
        : (unit ?? column.Unit) == Unit.Change && cell.Value is < 0 ? "−" + StatCell.Exact(-cell.Value, cell.Decimals).Display(CultureInfo.CurrentCulture)
        : cell.Display(CultureInfo.CurrentCulture);

    /// <summary>A row's link with the page's selection kept, less the key the linked page's address selects (district or measure).</summary>
    public static string? RowLink(HttpRequest request, StatRow row)
    {
        var selection = Selection.Of(request.HttpContext);
        return row.Link switch
        {
            null => null,
            var link when link.StartsWith("/Districts/", StringComparison.Ordinal) => selection.Link(link, ("district", null)),
            var link when link.StartsWith("/Measures/", StringComparison.Ordinal) => selection.Link(link, ("measure", null)),
            var link => selection.Link(link),
        };
    }
}
