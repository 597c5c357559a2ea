using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EmploymentDashboard.Data.Demo;
using EmploymentDashboard.Data.Import;
using Npgsql;

namespace EmploymentDashboard.Tests.Infrastructure;

/// <summary>Files to import, written the ways real files come: CSV in several encodings and delimiters, XLSX.</summary>
public static class ImportFiles
{
    /// <summary>A fixed key for tests (32 bytes); never used outside them.</summary>
    public static readonly string PseudonymKey = Convert.ToBase64String(Encoding.ASCII.GetBytes("test-only-pseudonym-key-32-bytes!!"));

    public static ParticipantPseudonym Pseudonym { get; } = ParticipantPseudonym.FromSetting(PseudonymKey)!;

    static ImportFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static readonly string[] PlacementHeader = ["iin", "disability_group", "sex", "birth_year", "district", "measure", "date", "employer_bin"];

    /// <summary>A valid IIN for person number <paramref name="n"/>: a birth date in 1960–1999, century-and-sex digit, serial, control digit.</summary>
    public static string Iin(int n)
    {
        for (var serial = n % 9000; ; serial++)
        {
            var birth = new DateOnly(1960, 1, 1).AddDays(n % 14_000);
            var first11 = $"{birth:yyMMdd}{(n % 2 == 0 ? 4 : 3)}{serial % 10_000:0000}";
            var check = BusinessIdentificationNumber.CheckDigit(first11);
            if (check >= 0)
            {
                return first11 + check;
            }
        }
    }

    /// <summary>The birth year encoded in <see cref="Iin"/>.</summary>
    public static int BirthYear(int n) => new DateOnly(1960, 1, 1).AddDays(n % 14_000).Year;

    /// <summary>Placement rows for people first..first+count-1 in 2025, spread over the Karaganda districts and measures.</summary>
    public static List<string[]> PlacementRows(int first, int count)
    {
        string[] districts = ["karaganda-city", "temirtau-city", "abay-district", "bukhar-zhyrau-district"];
        string[] measures = ["vacancy", "public_works", "social_jobs", "training"];
        var rows = new List<string[]>();
        for (var n = first; n < first + count; n++)
        {
            var date = new DateOnly(2025, 1, 1).AddDays(n % 360);
            rows.Add([Iin(n), (1 + (n % 3)).ToString(CultureInfo.InvariantCulture), n % 2 == 0 ? "female" : "male", BirthYear(n).ToString(CultureInfo.InvariantCulture),
                districts[n % 4], measures[n % 4], date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), string.Empty]);
        }

        return rows;
    }

    public static byte[] Csv(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, char delimiter = ',', Encoding? encoding = null, bool bom = true)
    {
        var text = new StringBuilder();
        text.AppendJoin(delimiter, header.Select(c => Quote(c, delimiter))).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(delimiter, row.Select(c => Quote(c, delimiter))).Append("\r\n");
        }

        encoding ??= new UTF8Encoding(false);
        var body = encoding.GetBytes(text.ToString());
        return bom && encoding is UTF8Encoding ? [0xEF, 0xBB, 0xBF, .. body] : body;
    }

    private static string Quote(string cell, char delimiter) =>
        cell.Contains(delimiter) || cell.Contains('"') || cell.Contains('\n') ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;

    /// <summary>An XLSX workbook: one sheet with the rows (numbers as numeric cells), optionally merged cells and a second sheet.</summary>
    public static byte[] Xlsx(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string? mergedRange = null, bool secondSheet = false)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheets = new Sheets();
            var data = new SheetData();
            uint index = 1;
            foreach (var row in new[] { header }.Concat(rows))
            {
                var r = new Row { RowIndex = index++ };
                foreach (var cell in row)
                {
                    r.Append(double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && cell.Length < 10
                        ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(cell) }
                        : new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(cell)) });
                }

                data.Append(r);
            }

            var part = workbook.AddNewPart<WorksheetPart>();
            part.Worksheet = new Worksheet(data);
            if (mergedRange is not null)
            {
                part.Worksheet.Append(new MergeCells(new MergeCell { Reference = mergedRange }));
            }

            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "Data" });
            if (secondSheet)
            {
                var notes = workbook.AddNewPart<WorksheetPart>();
                notes.Worksheet = new Worksheet(new SheetData());
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(notes), SheetId = 2, Name = "Notes" });
            }

            workbook.Workbook.Append(sheets);
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    /// <summary>Row counts and a checksum of the contents of every table, to show a refused import wrote nothing.</summary>
    public static async Task<string> FingerprintAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var fingerprint = new StringBuilder();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand($"SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{table}\" t", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            fingerprint.Append(CultureInfo.InvariantCulture, $"{table}:{reader.GetInt64(0)}:{reader.GetString(1)};");
        }

        return fingerprint.ToString();
    }
}
