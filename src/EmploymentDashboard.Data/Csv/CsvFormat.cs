using System.Globalization;

namespace EmploymentDashboard.Data.Csv;

/// <summary>
/// How a CSV file is written: the delimiter, the number format, and whether it starts with a UTF-8 BOM
/// (on by default, so that Excel shows Cyrillic and Kazakh letters instead of mojibake).
/// </summary>
public sealed record CsvFormat
{
    /// <summary>Comma-separated, decimal point, with BOM: RFC 4180 as most tools read it.</summary>
    public static CsvFormat Comma { get; } = new();

    /// <summary>Semicolon-separated with a decimal comma: what Excel expects when Windows is set to Russian or Kazakh.</summary>
    public static CsvFormat Semicolon { get; } = new() { Delimiter = ';', DecimalSeparator = "," };

    public char Delimiter { get; init; } = ',';

    public string DecimalSeparator { get; init; } = ".";

    public bool ByteOrderMark { get; init; } = true;

    /// <summary>Formats a number for this file: no thousands separators, the chosen decimal separator.</summary>
    public string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture).Replace(".", DecimalSeparator, StringComparison.Ordinal);

    public string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
