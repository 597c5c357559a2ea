using System.Globalization;
using EmploymentDashboard.Data.Csv;
using EmploymentDashboard.Data.Statistics;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// The format options of a download, from the query string: format (csv|xlsx), delimiter
/// (comma|semicolon; semicolon also means decimal comma), headers (labels|codes) and bom (true|false).
/// A missing delimiter falls back to the user's remembered choice, then comma.
/// </summary>
public sealed record ExportRequest(string Format, CsvFormat Csv, string DelimiterName, bool CodeHeaders, bool DelimiterGiven)
{
    public static (ExportRequest? Request, string? Problem) Parse(IQueryCollection query, string? rememberedDelimiter, string defaultFormat = "csv")
    {
        var format = query["format"].ToString() is { Length: > 0 } f ? f : defaultFormat;
        if (format is not ("csv" or "xlsx" or "json"))
        {
            return (null, $"Unknown format \"{format}\": use csv, xlsx or json.");
        }

        var given = query["delimiter"].ToString();
        var delimiter = given.Length > 0 ? given : rememberedDelimiter ?? "comma";
        if (delimiter is not ("comma" or "semicolon"))
        {
            return (null, $"Unknown delimiter \"{delimiter}\": use comma or semicolon.");
        }

        var headers = query["headers"].ToString() is { Length: > 0 } h ? h : "labels";
        if (headers is not ("labels" or "codes"))
        {
            return (null, $"Unknown headers \"{headers}\": use labels or codes.");
        }

        var bomText = query["bom"].ToString();
        if (bomText.Length > 0 && bomText is not ("true" or "false"))
        {
            return (null, $"bom must be true or false, not \"{bomText}\".");
        }

        var csv = (delimiter == "semicolon" ? CsvFormat.Semicolon : CsvFormat.Comma) with { ByteOrderMark = bomText != "false" };
        return (new ExportRequest(format, csv, delimiter, headers == "codes", given.Length > 0), null);
    }

    /// <summary>A file name that says the dataset, the filters and the date: placements_2025-01_2025-12_karaganda-city_2026-11-26.csv.</summary>
    public static string FileName(string dataset, DashboardFilter filter, IEnumerable<string> districtCodes, string extension)
    {
        var parts = new List<string> { dataset, filter.Period.From.ToString("yyyy-MM", CultureInfo.InvariantCulture), filter.Period.To.ToString("yyyy-MM", CultureInfo.InvariantCulture) };
        parts.AddRange(districtCodes.Take(3));
        if (filter.MeasureIds.Count + filter.Groups.Count + filter.Sexes.Count + filter.AgeBands.Count > 0 || districtCodes.Skip(3).Any())
        {
            parts.Add("filtered");
        }

        parts.Add(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return string.Join('_', parts) + "." + extension;
    }
}
