using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Sylvan.Data.Csv;

namespace EmploymentDashboard.Data.Import;

/// <summary>Where the rows of an import come from.</summary>
public enum ImportFileKind
{
    Csv,
    Xlsx,
}

/// <summary>One data row: its number as a spreadsheet shows it (the header is row 1) and its cells, trimmed.</summary>
public readonly record struct ImportRow(long Number, string[] Cells, int FieldCount);

/// <summary>A file-level problem found while the rows are read (a record too large, bytes that are not text).</summary>
public sealed class ImportFileException(ImportProblem problem) : Exception(problem.Code.ToString())
{
    public ImportProblem Problem { get; } = problem;
}

/// <summary>
/// An uploaded file read as a header and rows, whatever it is: XLSX (the first and only sheet), or CSV in UTF-8
/// with or without BOM, UTF-16 (Excel's "Unicode text") or Windows-1251 (Russian Excel's default), delimited by
/// comma, semicolon or tab (detected from the header). CSV is parsed by Sylvan.Data.Csv, XLSX by the Open XML SDK
/// reading the sheet as a stream; rows are produced one at a time, so a file of any length is never held whole.
/// </summary>
public abstract class ImportTable : IDisposable
{
    /// <summary>The longest CSV record accepted; a longer one (a 10 MB cell) is refused, not buffered.</summary>
    public const int MaxRecordChars = 1024 * 1024;

    private const int SniffBytes = 64 * 1024;

    static ImportTable() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public abstract ImportFileKind Kind { get; }

    /// <summary>The encoding the CSV was read in (empty for XLSX), for the preview to show.</summary>
    public string EncodingName { get; protected init; } = string.Empty;

    public char Delimiter { get; protected init; }

    public IReadOnlyList<string> Header { get; protected init; } = [];

    /// <summary>The data rows in file order, blank rows skipped. Throws <see cref="ImportFileException"/> for a problem that stops the reading.</summary>
    public abstract IEnumerable<ImportRow> Rows();

    /// <summary>Opens a file, or says why it cannot be read (empty, binary, unreadable, several sheets, merged cells, no header).</summary>
    public static (ImportTable? Table, ImportProblem? Problem) Open(Stream stream)
    {
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The import needs a seekable stream.", nameof(stream));
        }

        var prefix = new byte[SniffBytes];
        var length = stream.ReadAtLeast(prefix, SniffBytes, throwOnEndOfStream: false);
        stream.Position = 0;
        if (length == 0)
        {
            return (null, new ImportProblem(0, null, ImportProblemCode.FileEmpty));
        }

        var head = prefix.AsSpan(0, length);
        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            return XlsxTable.OpenWorkbook(stream);
        }

        Encoding encoding;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            encoding = new UTF8Encoding(false, throwOnInvalidBytes: true);
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            encoding = new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true);
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            encoding = new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true);
        }
        else if (LooksBinary(head))
        {
            return (null, new ImportProblem(0, null, ImportProblemCode.FileBinary));
        }
        else
        {
            encoding = IsUtf8Prefix(head, complete: length < SniffBytes)
                ? new UTF8Encoding(false, throwOnInvalidBytes: true)
                : Encoding.GetEncoding(1251);
        }

        return CsvTable.OpenText(stream, encoding);
    }

    public virtual void Dispose() => GC.SuppressFinalize(this);

    /// <summary>Text files have no NUL bytes and few control characters; anything else is not a table.</summary>
    private static bool LooksBinary(ReadOnlySpan<byte> head)
    {
        var control = 0;
        foreach (var b in head)
        {
            if (b == 0)
            {
                return true;
            }

            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\r' and not (byte)'\n')
            {
                control++;
            }
        }

        return control * 100 > head.Length;
    }

    /// <summary>True when the bytes are UTF-8, allowing a character cut at the end of a partial read.</summary>
    private static bool IsUtf8Prefix(ReadOnlySpan<byte> head, bool complete)
    {
        for (var cut = 0; cut <= (complete ? 0 : 3) && cut < head.Length; cut++)
        {
            if (System.Text.Unicode.Utf8.IsValid(head[..^cut]))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class CsvTable : ImportTable
    {
        private readonly StreamReader _text;
        private readonly CsvDataReader _reader;

        private CsvTable(StreamReader text, CsvDataReader reader, Encoding encoding, char delimiter)
        {
            _text = text;
            _reader = reader;
            EncodingName = encoding.CodePage == 1251 ? "Windows-1251" : encoding.WebName.ToUpperInvariant();
            Delimiter = delimiter;
            Header = [.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetName(i).Trim())];
        }

        public override ImportFileKind Kind => ImportFileKind.Csv;

        public static (ImportTable? Table, ImportProblem? Problem) OpenText(Stream stream, Encoding encoding)
        {
            var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
            var delimiter = ',';
            var headerEnds = false;
            try
            {
                (delimiter, headerEnds) = DetectDelimiter(text);
                var reader = CsvDataReader.Create(text, new CsvDataReaderOptions
                {
                    HasHeaders = true,
                    Delimiter = delimiter,
                    BufferSize = 64 * 1024,
                    MaxBufferSize = MaxRecordChars,
                    ResultSetMode = ResultSetMode.SingleResult,
                });
                if (reader.FieldCount == 0 || Enumerable.Range(0, reader.FieldCount).All(i => string.IsNullOrWhiteSpace(reader.GetName(i))))
                {
                    text.Dispose();
                    return (null, new ImportProblem(0, null, ImportProblemCode.FileEmpty));
                }

                return (new CsvTable(text, reader, encoding, delimiter), null);
            }
            catch (CsvRecordTooLargeException)
            {
                // The reader looks at the first data row as it opens: the too-large record is the header only when the header never ends.
                text.Dispose();
                return (null, new ImportProblem(headerEnds ? 2 : 1, null, ImportProblemCode.RecordTooLarge));
            }
            catch (DecoderFallbackException)
            {
                text.Dispose();
                return (null, new ImportProblem(0, null, ImportProblemCode.FileNotUtf8));
            }
        }

        public override IEnumerable<ImportRow> Rows()
        {
            var number = 1L;
            while (true)
            {
                bool read;
                try
                {
                    read = _reader.Read();
                }
                catch (CsvRecordTooLargeException)
                {
                    throw new ImportFileException(new ImportProblem(number + 1, null, ImportProblemCode.RecordTooLarge));
                }
                catch (DecoderFallbackException)
                {
                    throw new ImportFileException(new ImportProblem(number + 1, null, ImportProblemCode.FileNotUtf8));
                }

                if (!read)
                {
                    yield break;
                }

                number++;
                var count = _reader.RowFieldCount;
                var cells = new string[Math.Max(count, Header.Count)];
                var blank = true;
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = i < count ? _reader.GetString(i).Trim() : string.Empty;
                    blank &= cells[i].Length == 0;
                }

                if (!blank)
                {
                    yield return new ImportRow(number, cells, count);
                }
            }
        }

        public override void Dispose()
        {
            _reader.Dispose();
            _text.Dispose();
            base.Dispose();
        }

        /// <summary>The delimiter used most in the header line outside quotes: ';' (Russian Excel), ',' or tab; ',' when there is none.</summary>
        private static (char Delimiter, bool HeaderEnds) DetectDelimiter(StreamReader text)
        {
            var buffer = new char[16 * 1024];
            var read = text.ReadBlock(buffer, 0, buffer.Length);
            text.BaseStream.Position = 0;
            text.DiscardBufferedData();
            var line = buffer.AsSpan(0, read);
            if (line.Length > 0 && line[0] == '\uFEFF')
            {
                line = line[1..];
            }

            int comma = 0, semicolon = 0, tab = 0;
            var quoted = false;
            var ends = false;
            foreach (var c in line)
            {
                if (c == '"')
                {
                    quoted = !quoted;
                }
                else if (!quoted && c is '\r' or '\n')
                {
                    ends = true;
                    break;
                }
                else if (!quoted)
                {
                    comma += c == ',' ? 1 : 0;
                    semicolon += c == ';' ? 1 : 0;
                    tab += c == '\t' ? 1 : 0;
                }
            }

            return (semicolon > comma && semicolon >= tab ? ';' : tab > comma ? '\t' : ',', ends);
        }
    }

    private sealed class XlsxTable : ImportTable
    {
        private readonly SpreadsheetDocument _document;
        private readonly WorksheetPart _sheet;
        private readonly List<string> _sharedStrings;

        private XlsxTable(SpreadsheetDocument document, WorksheetPart sheet, List<string> sharedStrings)
        {
            _document = document;
            _sheet = sheet;
            _sharedStrings = sharedStrings;
        }

        public override ImportFileKind Kind => ImportFileKind.Xlsx;

        public static (ImportTable? Table, ImportProblem? Problem) OpenWorkbook(Stream stream)
        {
            SpreadsheetDocument document;
            try
            {
                document = SpreadsheetDocument.Open(stream, false);
            }
            catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException)
            {
                return (null, new ImportProblem(0, null, ImportProblemCode.FileUnreadable));
            }

            try
            {
                var workbook = document.WorkbookPart;
                var sheets = workbook?.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
                if (workbook is null || sheets.Count == 0)
                {
                    document.Dispose();
                    return (null, new ImportProblem(0, null, ImportProblemCode.FileUnreadable));
                }

                if (sheets.Count > 1)
                {
                    document.Dispose();
                    return (null, new ImportProblem(0, null, ImportProblemCode.WorkbookSeveralSheets, string.Join(", ", sheets.Select(s => s.Name?.Value))));
                }

                var part = (WorksheetPart)workbook.GetPartById(sheets[0].Id!.Value!);
                var merged = MergedRanges(part);
                if (merged.Count > 0)
                {
                    document.Dispose();
                    return (null, new ImportProblem(0, null, ImportProblemCode.WorkbookMergedCells, string.Join(", ", merged.Take(5))));
                }

                var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
                var table = new XlsxTable(document, part, strings);
                using var rows = table.ReadRows().GetEnumerator();
                if (!rows.MoveNext())
                {
                    table.Dispose();
                    return (null, new ImportProblem(0, null, ImportProblemCode.FileEmpty));
                }

                var header = rows.Current.Cells.Select(c => c.Trim()).ToList();
                while (header.Count > 0 && header[^1].Length == 0)
                {
                    header.RemoveAt(header.Count - 1);
                }

                return (new XlsxTable(document, part, strings) { Header = header }, null);
            }
            catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or InvalidOperationException)
            {
                document.Dispose();
                return (null, new ImportProblem(0, null, ImportProblemCode.FileUnreadable));
            }
        }

        public override IEnumerable<ImportRow> Rows() => ReadRows().Skip(1);

        public override void Dispose()
        {
            _document.Dispose();
            base.Dispose();
        }

        private static List<string> MergedRanges(WorksheetPart part)
        {
            var ranges = new List<string>();
            using var reader = OpenXmlReader.Create(part);
            while (reader.Read())
            {
                if (reader.ElementType == typeof(MergeCell) && reader.IsStartElement)
                {
                    ranges.Add(reader.Attributes.FirstOrDefault(a => a.LocalName == "ref").Value ?? string.Empty);
                }
            }

            return ranges;
        }

        /// <summary>Every non-blank row of the sheet, header included, one at a time (the sheet is read as a stream).</summary>
        private IEnumerable<ImportRow> ReadRows()
        {
            using var reader = OpenXmlReader.Create(_sheet);
            while (reader.Read())
            {
                if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
                {
                    continue;
                }

                var row = (Row)reader.LoadCurrentElement()!;
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                    while (cells.Count < column)
                    {
                        cells.Add(string.Empty);
                    }

                    cells.Add(CellText(cell).Trim());
                }

                while (cells.Count > 0 && cells[^1].Length == 0)
                {
                    cells.RemoveAt(cells.Count - 1);
                }

                if (cells.Count > 0)
                {
                    var count = cells.Count;
                    while (cells.Count < Header.Count)
                    {
                        cells.Add(string.Empty);
                    }

                    yield return new ImportRow(row.RowIndex?.Value ?? 0, [.. cells], count);
                }
            }
        }

        private string CellText(Cell cell)
        {
            var value = cell.CellValue?.Text ?? string.Empty;
            if (cell.DataType?.Value == CellValues.SharedString)
            {
                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < _sharedStrings.Count ? _sharedStrings[index] : string.Empty;
            }

            if (cell.DataType?.Value == CellValues.InlineString)
            {
                return cell.InlineString?.InnerText ?? string.Empty;
            }

            return value;
        }

        /// <summary>The zero-based column of a reference such as "C12".</summary>
        private static int? ColumnIndex(string? reference)
        {
            if (string.IsNullOrEmpty(reference))
            {
                return null;
            }

            var index = 0;
            foreach (var c in reference)
            {
                if (c is >= 'A' and <= 'Z')
                {
                    index = (index * 26) + (c - 'A' + 1);
                }
                else
                {
                    break;
                }
            }

            return index - 1;
        }
    }
}
