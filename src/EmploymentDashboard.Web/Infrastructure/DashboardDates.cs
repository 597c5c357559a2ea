using System.Globalization;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// Dates as each of the three languages writes them. Kazakh puts the year first ("2026 жылғы 15 қаңтар")
/// and writes month names in lower case, which .NET's standalone month names ("Қаңтар") do not.
/// </summary>
public static class DashboardDates
{
    /// <summary>A day: "15 января 2026", "2026 жылғы 15 қаңтар", "15 January 2026".</summary>
    public static string Day(DateOnly date, CultureInfo culture) => culture.TwoLetterISOLanguageName switch
    {
        "kk" => $"{date.Year.ToString(CultureInfo.InvariantCulture)} жылғы {date.Day.ToString(CultureInfo.InvariantCulture)} {MonthName(date, culture)}",
        _ => date.ToString("d MMMM yyyy", culture),
    };

    /// <summary>The calendar day of a timestamp, in the timestamp's own offset.</summary>
    public static string Day(DateTimeOffset moment, CultureInfo culture) => Day(DateOnly.FromDateTime(moment.DateTime), culture);

    /// <summary>A month: "январь 2025", "қаңтар 2025", "January 2025".</summary>
    public static string Month(DateOnly date, CultureInfo culture) => culture.TwoLetterISOLanguageName switch
    {
        "kk" => $"{MonthName(date, culture)} {date.Year.ToString(CultureInfo.InvariantCulture)}",
        _ => date.ToString("MMMM yyyy", culture),
    };

    /// <summary>A month, abbreviated where the language has abbreviations: "янв. 2025", "қаң. 2025", "Jan 2025".</summary>
    public static string ShortMonth(DateOnly date, CultureInfo culture) => culture.TwoLetterISOLanguageName switch
    {
        "kk" => date.ToString("MMM yyyy", culture).ToLower(culture),
        _ => date.ToString("MMM yyyy", culture),
    };

    private static string MonthName(DateOnly date, CultureInfo culture) =>
        culture.DateTimeFormat.GetMonthName(date.Month).ToLower(culture);
}
