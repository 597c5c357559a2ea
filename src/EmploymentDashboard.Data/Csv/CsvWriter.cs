using System.Globalization;
using System.Text;

namespace EmploymentDashboard.Data.Csv;

/// <summary>
/// Writes RFC 4180 CSV to a stream as rows arrive, so an export never holds all rows in memory.
/// Text cells are neutralised against formula injection (OWASP): a cell starting with =, +, -, @, tab or
/// carriage return gets a leading apostrophe, so a spreadsheet shows it as text instead of running it.
/// A spreadsheet may also split a cell where this file does not: Excel in ru/kk locales splits a comma
/// file on ';' (and ignores quotes that do not open a field), so <c>a;=cmd|'/Ccalc'!A0</c> would become
/// a formula cell. So every text cell containing ',' or ';' is quoted whatever the delimiter, and every
/// place where a field could start inside a cell (after ',', ';', a tab or a line break) is neutralised
/// too. Numbers are written through the Number methods and are never altered, so a real negative number
/// stays a number.
/// </summary>
public sealed class CsvWriter : IAsyncDisposable
{
    /// <summary>Characters gathered before an asynchronous flush; the writer's own buffer is twice this, so it never flushes synchronously.</summary>
    private const int FlushAt = 32 * 1024;
    private static readonly UTF8Encoding _utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Characters after which a spreadsheet may start a new field: either delimiter, a tab, a line break.</summary>
    private static readonly System.Buffers.SearchValues<char> _fieldBreaks = System.Buffers.SearchValues.Create(",;\t\r\n");
    private readonly StreamWriter _writer;
    private readonly CsvFormat _format;
    private bool _rowStarted;
    private int _pending;

    public CsvWriter(Stream output, CsvFormat format)
    {
        _format = format;
        _writer = new StreamWriter(output, _utf8NoBom, bufferSize: 4 * FlushAt, leaveOpen: true) { NewLine = "\r\n" };
        if (format.ByteOrderMark)
        {
            Write("\uFEFF");
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

        value = Neutralise(value);
        if (value.AsSpan().IndexOfAny(['"', '\r', '\n', ',', ';', _format.Delimiter]) >= 0)
        {
            Write("\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
        }
        else
        {
            Write(value);
        }

        return this;
    }

    /// <summary>A whole number, written as it is (negative numbers included).</summary>
    public CsvWriter Number(long value)
    {
        Separator();
        Span<char> buffer = stackalloc char[24];
        value.TryFormat(buffer, out var written, provider: CultureInfo.InvariantCulture);
        Write(buffer[..written]);
        return this;
    }

    /// <summary>An identifier (pseudonymous ids), in its canonical lower-case form.</summary>
    public CsvWriter Text(Guid value)
    {
        Separator();
        Span<char> buffer = stackalloc char[36];
        value.TryFormat(buffer, out var written);
        Write(buffer[..written]);
        return this;
    }

    public CsvWriter Number(long? value) => value is { } v ? Number(v) : Empty();

    /// <summary>A decimal number with the format's decimal separator, quoted when that separator is the delimiter.</summary>
    public CsvWriter Number(decimal value)
    {
        Separator();
        var text = _format.Number(value);
        Write(text.Contains(_format.Delimiter, StringComparison.Ordinal) ? $"\"{text}\"" : text);
        return this;
    }

    public CsvWriter Number(decimal? value) => value is { } v ? Number(v) : Empty();

    /// <summary>A date in ISO 8601 (yyyy-MM-dd).</summary>
    public CsvWriter Date(DateOnly value)
    {
        Separator();
        Span<char> buffer = stackalloc char[10];
        value.TryFormat(buffer, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Write(buffer[..written]);
        return this;
    }

    public CsvWriter Empty()
    {
        Separator();
        return this;
    }

    /// <summary>Ends the row; flushes to the stream asynchronously whenever enough has built up, so the download streams.</summary>
    public async ValueTask EndRowAsync(CancellationToken cancellationToken = default)
    {
        Write("\r\n");
        _rowStarted = false;
        Rows++;
        if (_pending >= FlushAt)
        {
            await _writer.FlushAsync(cancellationToken);
            _pending = 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.FlushAsync();
        await _writer.DisposeAsync();
    }

    /// <summary>True for text a spreadsheet would treat as a formula or a control sequence.</summary>
    public static bool IsFormulaLike(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>
    /// Puts an apostrophe at the start of the cell and after every ',', ';', tab or line break inside it
    /// wherever what follows (past spaces and quote marks) would start a formula. Cells needing nothing
    /// are returned as they are, without allocating.
    /// </summary>
    private static string Neutralise(string value)
    {
        if (!StartsFormula(value, 0) && value.AsSpan().IndexOfAny(_fieldBreaks) < 0)
        {
            return value;
        }

        StringBuilder? neutral = null;
        var copied = 0;
        for (var start = 0; start <= value.Length; start++)
        {
            var isFieldStart = start == 0 || _fieldBreaks.Contains(value[start - 1]);
            if (isFieldStart && StartsFormula(value, start))
            {
                neutral ??= new StringBuilder(value.Length + 4);
                neutral.Append(value, copied, start - copied).Append('\'');
                copied = start;
            }
        }

        return neutral is null ? value : neutral.Append(value, copied, value.Length - copied).ToString();
    }

    private static bool StartsFormula(string value, int start)
    {
        while (start < value.Length && value[start] is ' ' or '"')
        {
            start++;
        }

        return start < value.Length && value[start] is '=' or '+' or '-' or '@' or '\t' or '\r';
    }

    private void Separator()
    {
        if (_rowStarted)
        {
            _writer.Write(_format.Delimiter);
            _pending++;
        }

        _rowStarted = true;
    }

    private void Write(ReadOnlySpan<char> text)
    {
        _writer.Write(text);
        _pending += text.Length;
    }
}
