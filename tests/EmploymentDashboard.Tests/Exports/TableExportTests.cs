using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Exports;

/// <summary>"Download CSV / XLSX" of every table: exactly the rows, columns and withheld cells the page shows.</summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class TableExportTests(DemoDatabaseFixture fixture)
{
    public static TheoryData<string, bool> PagesAndAudiences()
    {
        var data = new TheoryData<string, bool>();
        foreach (var url in new[] { "/?year=2025", "/?year=2024&district=temirtau-city", "/Districts", "/Districts/abay-district", "/Measures/public_works", "/Quotas", "/Grants", "/Context", "/Map" })
        {
            data.Add(url, false);
            data.Add(url, true);
        }

        return data;
    }

    private async Task<HttpClient> ClientAsync(bool staff) => staff ? await fixture.StaffClientAsync() : fixture.App.CreatePlainClient();

    private static List<string[]> ParseCsv(string text, string delimiter = ",") => Csv.Parse(text, delimiter);

    /// <summary>What the page shows in a cell: its data-value, empty for withheld or blank cells, else its text.</summary>
    private static string Shown(IElement cell) =>
        cell.GetAttribute("data-value") ?? (cell.HasAttribute("data-suppressed") ? string.Empty : cell.TextContent.Trim() is "—" ? string.Empty : System.Text.RegularExpressions.Regex.Replace(cell.TextContent, @"\s+", " ").Trim());

    [Theory]
    [MemberData(nameof(PagesAndAudiences))]
    public async Task Every_table_exports_as_csv_with_the_numbers_of_the_page(string url, bool staff)
    {
        var client = await ClientAsync(staff);
        var (_, page) = await HtmlPage.GetAsync(client, url);
        var tables = page.QuerySelectorAll("[data-downloads-for]").Select(e => e.GetAttribute("data-downloads-for")!).ToList();
        Assert.NotEmpty(tables);

        foreach (var id in tables)
        {
            var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            var response = await client.GetAsync($"{url}{separator}export={id}&format=csv&headers=codes");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
            var rows = ParseCsv(Encoding.UTF8.GetString(bytes[3..]));

            var table = page.GetElementById(id)!;
            var htmlRows = table.QuerySelectorAll("tbody tr, tfoot tr").ToList();
            Assert.Equal(htmlRows.Count + 1, rows.Count);
            var header = rows[0];
            for (var r = 0; r < htmlRows.Count; r++)
            {
                var cells = htmlRows[r].Children.Where(c => c.LocalName is "td" or "th").ToList();
                var values = rows[r + 1];
                var column = 0;
                foreach (var cell in cells)
                {
                    Assert.Equal(Shown(cell), values[column]);
                    column++;
                    if (column < header.Length && header[column].EndsWith("_flag", StringComparison.Ordinal))
                    {
                        Assert.Equal(cell.HasAttribute("data-suppressed"), values[column].Length > 0);
                        column++;
                    }
                }
            }

            // Flag columns exist exactly for the public.
            Assert.Equal(!staff && rows[0].Any(h => h.EndsWith("_flag", StringComparison.Ordinal)), rows[0].Any(h => h.EndsWith("_flag", StringComparison.Ordinal)));
            if (staff)
            {
                Assert.DoesNotContain(rows[0], h => h.EndsWith("_flag", StringComparison.Ordinal));
            }
        }
    }

    [Theory]
    [InlineData("/?year=2025")]
    [InlineData("/Districts/priozersk-city")]
    [InlineData("/Measures/social_jobs")]
    [InlineData("/Quotas")]
    [InlineData("/Grants")]
    public async Task A_public_export_never_contains_a_small_count_or_a_record_level_field(string url)
    {
        var client = fixture.App.CreatePlainClient();
        var (_, page) = await HtmlPage.GetAsync(client, url);
        foreach (var id in page.QuerySelectorAll("[data-downloads-for]").Select(e => e.GetAttribute("data-downloads-for")!))
        {
            var table = page.GetElementById(id)!;
            var rateColumns = table.QuerySelectorAll("tbody tr:first-child > *").Select((c, i) => (c, i)).Where(x => x.c.GetAttribute("data-kind") is "rate" or "rank" or "change").Select(x => x.i).ToHashSet();
            var text = await client.GetStringAsync($"{url}{(url.Contains('?', StringComparison.Ordinal) ? "&" : "?")}export={id}&headers=codes");
            var rows = ParseCsv(text.TrimStart('\uFEFF'));
            var header = rows[0];
            var dataColumns = header.Select((h, i) => (h, i)).Where(x => !x.h.EndsWith("_flag", StringComparison.Ordinal)).Select(x => x.i).ToList();

            // Quota obligations, special workplaces and pending applications are administrative figures, published as they are;
            // unfilled places are places set less places filled as published, derived from the two (ADR 0010).
            var administrative = id is "special-workplaces-table" or "pending-table"
                ? dataColumns.ToHashSet()
                : dataColumns.Where(i => header[i] is "employers" or "set" || header[i].EndsWith("_employers", StringComparison.Ordinal) || header[i].EndsWith("_set", StringComparison.Ordinal)
                    || (id == "quota-unfilled-table" && header[i] == "unfilled")).ToHashSet();
            foreach (var row in rows.Skip(1))
            {
                for (var c = 0; c < dataColumns.Count; c++)
                {
                    if (!rateColumns.Contains(c) && !administrative.Contains(dataColumns[c]) && long.TryParse(row[dataColumns[c]], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    {
                        Assert.False(n is >= 1 and < 5, $"{url} {id}: a count of {n} is exported.");
                    }
                }
            }

            Assert.DoesNotMatch("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", text);
            Assert.DoesNotContain("participant", string.Join(",", header), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("bin", header);
        }
    }

    [Fact]
    public async Task The_semicolon_layout_uses_a_decimal_comma_and_headers_follow_the_language()
    {
        var client = await fixture.StaffClientAsync();

        var russian = (await client.GetStringAsync("/Districts?year=2025&lang=ru&export=districts-comparison&delimiter=semicolon")).TrimStart('\uFEFF');
        var english = (await client.GetStringAsync("/Districts?year=2025&lang=en&export=districts-comparison")).TrimStart('\uFEFF');
        var codes = (await client.GetStringAsync("/Districts?year=2025&export=districts-comparison&headers=codes")).TrimStart('\uFEFF');

        var ru = ParseCsv(russian, ";");
        Assert.Equal("Район / город", ru[0][0]);
        Assert.Contains(ru.Skip(1), r => r.Any(cell => System.Text.RegularExpressions.Regex.IsMatch(cell, @"^\d+,\d$")));
        Assert.Equal("District / city", ParseCsv(english)[0][0]);
        Assert.Contains(ParseCsv(english).Skip(1), r => r.Any(cell => System.Text.RegularExpressions.Regex.IsMatch(cell, @"^\d+\.\d$")));
        Assert.Equal(["district", "people_covered", "events", "people_with_disabilities", "per_1000", "rank"], ParseCsv(codes)[0]);
    }

    [Fact]
    public async Task Xlsx_gives_the_same_values_as_csv()
    {
        var client = await fixture.StaffClientAsync();
        const string url = "/?year=2025&export=overview-by-measure-table";

        var csv = ParseCsv((await client.GetStringAsync(url + "&headers=codes")).TrimStart('\uFEFF'));
        var response = await client.GetAsync(url + "&headers=codes&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var workbook = SpreadsheetDocument.Open(stream, false);
        var sheet = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var xlsx = sheet.Descendants<Row>().Select(row => row.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.Text!.Text : c.CellValue?.Text ?? string.Empty).ToArray()).ToList();

        Assert.Equal(csv.Count, xlsx.Count);
        for (var i = 0; i < csv.Count; i++)
        {
            Assert.Equal(csv[i], xlsx[i]);
        }

        Assert.Contains(xlsx.Skip(1), r => r[1] == "358");
    }

    [Fact]
    public async Task File_names_say_the_table_page_filters_and_date()
    {
        var response = await (await fixture.StaffClientAsync()).GetAsync("/Districts/abay-district?year=2024&export=district-abay-district-by-sex-table");

        var name = response.Content.Headers.ContentDisposition!.FileName!.Trim('"');
        Assert.StartsWith("district-abay-district-by-sex-table_districts-abay-district_", name, StringComparison.Ordinal);
        Assert.Contains("_2024", name, StringComparison.Ordinal);
        Assert.EndsWith(".csv", name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/?export=no-such-table", HttpStatusCode.NotFound)]
    [InlineData("/?export=bad%20id!", HttpStatusCode.BadRequest)]
    [InlineData("/?export=placements-table&format=pdf", HttpStatusCode.BadRequest)]
    [InlineData("/?export=placements-table&delimiter=tab", HttpStatusCode.BadRequest)]
    [InlineData("/?export=placements-table&year=abc", HttpStatusCode.BadRequest)]
    [InlineData("/Admin/Users?export=users-table", HttpStatusCode.Redirect)]
    public async Task Bad_export_requests_get_a_clear_answer(string url, HttpStatusCode expected)
    {
        var response = await fixture.App.CreatePlainClient().GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
        Assert.NotEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
    }
}
