using System.Globalization;
using System.Text;
using EmploymentDashboard.Data.Csv;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Exports;

/// <summary>The CSV writer: RFC 4180 quoting, BOM, delimiters, decimal comma and formula-injection neutralisation.</summary>
public sealed class CsvWriterTests
{
    private static async Task<string> WriteAsync(CsvFormat format, Func<CsvWriter, ValueTask> rows)
    {
        using var stream = new MemoryStream();
        await using (var csv = new CsvWriter(stream, format))
        {
            await rows(csv);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public async Task Files_start_with_a_utf8_bom_by_default_and_can_do_without()
    {
        using var stream = new MemoryStream();
        await using (var csv = new CsvWriter(stream, CsvFormat.Comma))
        {
            await csv.Text("Караганда").EndRowAsync();
        }

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, stream.ToArray()[..3]);
        var plain = await WriteAsync(CsvFormat.Comma with { ByteOrderMark = false }, c => c.Text("a").EndRowAsync());
        Assert.Equal("a\r\n", plain);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"x\")")]
    [InlineData("+1")]
    [InlineData("-cmd")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\tleading tab")]
    [InlineData("\rleading return")]
    public async Task Formula_like_text_is_neutralised(string text)
    {
        var output = await WriteAsync(CsvFormat.Comma with { ByteOrderMark = false }, c => c.Text(text).EndRowAsync());

        var cell = Csv.Parse(output).Single()[0];
        Assert.Equal("'" + text, cell);
        Assert.False(CsvWriter.IsFormulaLike(cell));
    }

    [Fact]
    public async Task Real_negative_numbers_stay_numbers()
    {
        var output = await WriteAsync(CsvFormat.Comma with { ByteOrderMark = false }, c => c.Number(-5).Number(-2.5m).Text("-5").EndRowAsync());

        Assert.Equal("-5,-2.5,'-5\r\n", output);
    }

    [Fact]
    public async Task Quotes_delimiters_and_line_breaks_are_quoted_per_rfc_4180()
    {
        var output = await WriteAsync(CsvFormat.Comma with { ByteOrderMark = false }, c => c.Text("ТОО «Сары, Арка»").Text("a \"b\"").Text("x\ny").EndRowAsync());

        var row = Csv.Parse(output).Single();
        Assert.Equal("ТОО «Сары, Арка»", row[0]);
        Assert.Equal("a \"b\"", row[1]);
        Assert.Equal("x\ny", row[2]);
    }

    [Fact]
    public async Task Semicolon_layout_uses_a_decimal_comma()
    {
        var output = await WriteAsync(CsvFormat.Semicolon with { ByteOrderMark = false }, c => c.Text("Балхаш").Number(40.5m).Number(1120).EndRowAsync());

        Assert.Equal("Балхаш;40,5;1120\r\n", output);
        Assert.Equal(40.5m, decimal.Parse(Csv.Parse(output, ";").Single()[1], CultureInfo.GetCultureInfo("ru")));
    }

    [Fact]
    public async Task A_decimal_comma_in_the_comma_layout_never_happens_and_is_quoted_if_it_did()
    {
        var output = await WriteAsync(new CsvFormat { DecimalSeparator = ",", ByteOrderMark = false }, c => c.Number(1.5m).EndRowAsync());

        Assert.Equal("\"1,5\"\r\n", output);
    }

    /// <summary>Every formula start, alone, after ';' or ',' inside a cell (with and without spaces or quotes), after a line break.</summary>
    public static TheoryData<string> InjectionCorpus()
    {
        var data = new TheoryData<string>();
        foreach (var start in new[] { "=", "+", "-", "@", "\t", "\r" })
        {
            var payload = start + "cmd|'/Ccalc'!A0";
            data.Add(payload);
            data.Add("a;" + payload);
            data.Add("a," + payload);
            data.Add("a; " + payload);
            data.Add("a,\"" + payload + "\"");
            data.Add("a;b," + payload);
            data.Add("a\n" + payload);
            data.Add(" " + payload);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(InjectionCorpus))]
    public async Task No_field_a_spreadsheet_could_split_out_of_a_cell_starts_a_formula(string text)
    {
        foreach (var (format, delimiter) in new[] { (CsvFormat.Comma, ","), (CsvFormat.Semicolon, ";") })
        {
            var output = await WriteAsync(format with { ByteOrderMark = false }, c => c.Text("before").Text(text).Text("after").EndRowAsync());

            // Read as RFC 4180 with the file's delimiter: the cell comes back whole, with an apostrophe before each formula start.
            var row = Csv.Parse(output, delimiter).Single();
            Assert.Equal(["before", "after"], new[] { row[0], row[2] });
            Assert.Equal(text.Replace("'", string.Empty, StringComparison.Ordinal), row[1].Replace("'", string.Empty, StringComparison.Ordinal));

            // Read as a spreadsheet in another locale might: split on ';', ',', tabs and line breaks, quotes or not.
            foreach (var fragment in output.Split([',', ';', '\t', '\r', '\n']).Where(f => f.Length > 0))
            {
                Assert.False(CsvWriter.IsFormulaLike(fragment.TrimStart(' ', '"')), $"{delimiter}-file {output.ReplaceLineEndings("⏎")} has a field {fragment}");
            }
        }
    }

    [Theory]
    [InlineData("a;b")]
    [InlineData("a,b")]
    public async Task A_cell_with_either_delimiter_is_quoted_in_both_layouts(string text)
    {
        Assert.Equal($"\"{text}\"\r\n", await WriteAsync(CsvFormat.Comma with { ByteOrderMark = false }, c => c.Text(text).EndRowAsync()));
        Assert.Equal($"\"{text}\"\r\n", await WriteAsync(CsvFormat.Semicolon with { ByteOrderMark = false }, c => c.Text(text).EndRowAsync()));
    }

    [Fact]
    public async Task Plain_text_and_hyphens_inside_words_are_left_alone()
    {
        var output = await WriteAsync(CsvFormat.Comma with { ByteOrderMark = false }, c => c.Text("Абай-Караганда").Text("2025-01").EndRowAsync());

        Assert.Equal("Абай-Караганда,2025-01\r\n", output);
    }
}
