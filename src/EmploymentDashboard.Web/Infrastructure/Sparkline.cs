using System.Globalization;
using EmploymentDashboard.Data.Tables;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// The points of a headline's sparkline: the months of the period and the same months a year earlier, on one
/// scale, as SVG polyline coordinates in a 100 × 30 box. A withheld or blank month breaks the line.
/// </summary>
public static class Sparkline
{
    public const int Width = 100;

    public const int Height = 30;

    /// <summary>The line's segments ("x,y x,y ..."), split where a month has no shown value.</summary>
    public static IReadOnlyList<string> Segments(IReadOnlyList<StatCell> months, IReadOnlyList<StatCell> scaleWith)
    {
        var largest = months.Concat(scaleWith).Select(c => c.Value ?? 0).DefaultIfEmpty(0).Max();
        if (months.Count < 2 || largest <= 0)
        {
            return [];
        }

        var segments = new List<string>();
        var points = new List<string>();
        for (var i = 0; i < months.Count; i++)
        {
            if (months[i].Value is not { } value)
            {
                Flush();
                continue;
            }

            var x = (decimal)Width * i / (months.Count - 1);
            var y = Height - 1 - ((Height - 2) * value / largest);
            points.Add(string.Create(CultureInfo.InvariantCulture, $"{x:0.#},{y:0.#}"));
        }

        Flush();
        return segments;

        void Flush()
        {
            if (points.Count > 1)
            {
                segments.Add(string.Join(' ', points));
            }

            points.Clear();
        }
    }

    /// <summary>"+12 (+3.4%)", "−1.5 pp" or "±0": a change with its sign, in the reader's culture; null for a blank.</summary>
    public static string? Change(StatCell difference, StatCell percent, bool isRate, CultureInfo culture, string points)
    {
        if (difference.Value is not { } change)
        {
            return null;
        }

        var sign = change > 0 ? "+" : change < 0 ? "−" : "±";
        var text = sign + Math.Abs(change).ToString("N" + difference.Decimals.ToString(CultureInfo.InvariantCulture), culture);
        if (isRate)
        {
            return text + " " + points;
        }

        return percent.Value is { } p ? $"{text} ({(p > 0 ? "+" : p < 0 ? "−" : "±")}{Math.Abs(p).ToString("N1", culture)}%)" : text;
    }
}
