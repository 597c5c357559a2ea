using System.Globalization;
using System.Net;
using EmploymentDashboard.Data.Csv;
using EmploymentDashboard.Data.Demo;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Tests.Infrastructure;
using Npgsql;

namespace EmploymentDashboard.Tests.Exports;

/// <summary>
/// The injection corpus through the app's CSV downloads, end to end: employer names in the record export
/// and district names in a table download, in both layouts. However a spreadsheet splits the file (on
/// ',' or ';', honouring quotes or not), no field starts a formula; numbers stay numbers.
/// </summary>
public sealed class CsvInjectionTests : IAsyncLifetime
{
    private const string Password = "Injection-Password-42";
    private TestDatabase _database = null!;
    private DashboardAppFactory _app = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using (var db = _database.CreateContext())
        {
            await DemoDataLoader.SeedIfEmptyAsync(db);
        }

        var corpus = CsvWriterTests.InjectionCorpus().Cast<object[]>().Select(row => (string)row[0]).ToList();
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        for (var i = 0; i < corpus.Count; i++)
        {
            await using var employer = new NpgsqlCommand("UPDATE employers SET name = @name WHERE id = (SELECT id FROM employers ORDER BY id OFFSET @i LIMIT 1)", connection);
            employer.Parameters.AddWithValue("name", corpus[i]);
            employer.Parameters.AddWithValue("i", i);
            await employer.ExecuteNonQueryAsync();
        }

        // District names shown in tables: the forms without line breaks (HTML would fold those anyway).
        var districtNames = corpus.Where(c => !c.Contains('\n', StringComparison.Ordinal) && !c.Contains('\r', StringComparison.Ordinal)).Take(13).ToList();
        for (var i = 0; i < districtNames.Count; i++)
        {
            await using var district = new NpgsqlCommand("UPDATE districts SET name_en = @name || ' ' || code WHERE id = (SELECT id FROM districts ORDER BY id OFFSET @i LIMIT 1)", connection);
            district.Parameters.AddWithValue("name", districtNames[i]);
            district.Parameters.AddWithValue("i", i);
            await district.ExecuteNonQueryAsync();
        }

        _app = new DashboardAppFactory(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Theory]
    [InlineData("comma")]
    [InlineData("semicolon")]
    public async Task The_record_export_neutralises_every_field_a_spreadsheet_could_see(string delimiter)
    {
        var client = await SignedInAsync(DashboardRoles.Analyst);

        var response = await client.GetAsync($"/exports/records/quotas.csv?year=2025&delimiter={delimiter}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        Assert.Contains("cmd|", text, StringComparison.Ordinal);
        AssertNoFormulaField(text);
    }

    [Theory]
    [InlineData("comma")]
    [InlineData("semicolon")]
    public async Task Table_downloads_neutralise_every_field_a_spreadsheet_could_see(string delimiter)
    {
        var client = await SignedInAsync(DashboardRoles.Staff);
        var page = await HtmlPage.ParseAsync(await client.GetStringAsync("/Districts?year=2025&lang=en"));
        var link = page.QuerySelectorAll(delimiter == "comma" ? "a[data-format='csv']" : "a[data-format='csv-semicolon']").First().GetAttribute("href")!;

        var response = await client.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        Assert.Contains("cmd|", text, StringComparison.Ordinal);
        AssertNoFormulaField(text);
    }

    /// <summary>Splits the file as carelessly as a spreadsheet in any locale might and checks every piece that is not a number.</summary>
    private static void AssertNoFormulaField(string text)
    {
        foreach (var fragment in text.Split([',', ';', '\t', '\r', '\n']))
        {
            var start = fragment.TrimStart(' ', '"');
            if (start.Length == 0 || decimal.TryParse(start.TrimEnd('"'), NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            Assert.False(CsvWriter.IsFormulaLike(start), $"a spreadsheet could read the field {fragment}");
        }
    }

    private async Task<HttpClient> SignedInAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        await _app.CreateUserAsync(email, Password, role);
        return await _app.SignedInClientAsync(email, Password);
    }
}
