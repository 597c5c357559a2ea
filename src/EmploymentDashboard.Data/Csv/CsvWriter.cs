using System.Text;

namespace EmploymentDashboard.Data.Csv;

/// <summary>
/// Writes RFC 4180 CSV to a stream as rows arrive, so an export never holds all rows in memory.
/// Text cells are neutralised against formula injection (OWASP): a cell starting with =, +, -, @, tab or
/// carriage return gets a leading apostrophe, so a spreadsheet shows it as text instead of running it.
/// Numbers are written through <see cref="Number(long)"/> and friends and are never altered, so a real
/// negative number stays a number.
/// </summary>
public sealed class CsvWriter : IAsyncDisposable
{
    private static readonly UTF8Encoding _utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly StreamWriter _writer;
    private readonly CsvFormat _format;
    private bool _rowStarted;

    public CsvWriter(Stream output, CsvFormat format)
    {
        _format = format;
        _writer = new StreamWriter(output, _utf8NoBom, bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        if (format.ByteOrderMark)
        {
            _writer.Write('\uFEFF');
        }
    }

    /// <summary>Rows written so far (header included).</summary>
    public long Rows { get; private set; }

    /// <summary>A text cell: quoted when needed, neutralised when it could be read as a formula.</summary>
    public CsvWriter Text(string? value)
    {
        Separator();
        if (string.IsNullOrEmpty(value))
        {
            return this;
        }

        if (IsFormulaLike(value))
        {
            value = "'" + value;
        }

        if (value.AsSpan().IndexOfAny(['"', '\r', '\n', _format.Delimiter]) >= 0)
        {
            _writer.Write('"');
            _writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
            _writer.Write('"');
        }
        else
        {
            _writer.Write(value);
        }

        return this;
    }

    /// <summary>A whole number, written as it is (negative numbers included).</summary>
    public CsvWriter Number(long value)
    {
        Separator();
        _writer.Write(_format.Number(value));
        return this;
    }

    public CsvWriter Number(long? value) => value is { } v ? Number(v) : Empty();

    /// <summary>A decimal number with the format's decimal separator, quoted when that separator is the delimiter.</summary>
    public CsvWriter Number(decimal value)
    {
        Separator();
        var text = _format.Number(value);
        _writer.Write(text.Contains(_format.Delimiter, StringComparison.Ordinal) ? $"\"{text}\"" : text);
        return this;
    }

    public CsvWriter Number(decimal? value) => value is { } v ? Number(v) : Empty();

    /// <summary>A date in ISO 8601 (yyyy-MM-dd).</summary>
    public CsvWriter Date(DateOnly value)
    {
        Separator();
        _writer.Write(value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return this;
    }

    public CsvWriter Empty()
    {
        Separator();
        return this;
    }

    /// <summary>Ends the row; flushes to the stream now and then so the download streams.</summary>
    public async ValueTask EndRowAsync(CancellationToken cancellationToken = default)
    {
        _writer.Write("\r\n");
        _rowStarted = false;
        Rows++;
        if (Rows % 1000 == 0)
        {
            await _writer.FlushAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.FlushAsync();
        await _writer.DisposeAsync();
    }

    /// <summary>True for text a spreadsheet would treat as a formula or a control sequence.</summary>
    public static bool IsFormulaLike(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private void Separator()
    {
        if (_rowStarted)
        {
            _writer.Write(_format.Delimiter);
        }

        _rowStarted = true;
    }
}
