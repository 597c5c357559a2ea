using System.Net;
using System.Net.Http.Headers;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Tests.Infrastructure;
using EmploymentDashboard.Tests.Web;

namespace EmploymentDashboard.Tests.Import;

/// <summary>The import page over HTTP: preview, commit, error report, upload limit, missing key, templates, and what an import leaves in logs and exports.</summary>
public sealed class ImportPageTests : IAsyncLifetime
{
    private const string Password = "Quarry-Lantern-Mosaic-81";
    private TestDatabase? _database;
    private DashboardAppFactory? _app;
    private readonly CollectingSink _log = new();

    private TestDatabase Database => _database!;

    private DashboardAppFactory App => _app!;

    public async Task InitializeAsync()
    {
        _database = await ImportDatabaseFixture.CreateDemoDatabaseAsync();
        _app = new DashboardAppFactory(_database.ConnectionString, settings: new Dictionary<string, string>
        {
            ["Import:PseudonymKey"] = ImportFiles.PseudonymKey,
            ["Import:MaxFileBytes"] = (12 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        { LogSink = _log };
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }

    private async Task<HttpClient> StaffAsync(string role = DashboardRoles.Staff)
    {
        var email = $"{role.ToLowerInvariant()}-import@test.local";
        await App.CreateUserAsync(email, Password, role);
        return await App.SignedInClientAsync(email, Password);
    }

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string dataset, byte[] file, string fileName = "placements.csv", string year = "2025", string query = "?lang=en", string tokenPage = "/Import")
    {
        var token = await DashboardAppFactory.AntiforgeryTokenAsync(client, tokenPage + query);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(dataset), "dataset" },
            { new StringContent(year), "year" },
        };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", fileName);
        return await client.PostAsync("/Import" + query + (query.Length > 0 ? "&" : "?") + "handler=Preview", form);
    }

    internal static async Task<HttpResponseMessage> CommitAsync(HttpClient client, string previewHtml)
    {
        var page = await HtmlPage.ParseAsync(previewHtml);
        var form = page.QuerySelector("form.import-commit") ?? throw new Xunit.Sdk.XunitException("No commit form on the preview.");
        return await client.PostAsync("/Import?lang=en&handler=Commit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = form.QuerySelector("input[name=token]")!.GetAttribute("value")!,
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
    }

    [Fact]
    public async Task Staff_preview_then_commit_and_the_public_overview_shows_the_new_people_at_once()
    {
        var staff = await StaffAsync();
        var anonymous = App.CreatePlainClient();
        // Staff see exact figures; the public sees them through the cell key method (each count within ±5 of the truth).
        var peopleBefore = (await HtmlPage.GetAsync(staff, "/?year=2025")).Document.Indicator("people_covered").ValueOf();
        var publicBefore = (await HtmlPage.GetAsync(anonymous, "/?year=2025")).Document.Indicator("people_covered").ValueOf();
        var rows = ImportFiles.PlacementRows(500, 40);

        var preview = await UploadAsync(staff, "placements", ImportFiles.Csv(ImportFiles.PlacementHeader, rows));
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var page = await HtmlPage.ParseAsync(html);
        Assert.Equal("40", page.QuerySelector("[data-count=added]")!.TextContent);
        var people = page.QuerySelector("[data-total='PeopleCovered']")!;
        Assert.Equal(peopleBefore + 40, long.Parse(people.QuerySelector("[data-after]")!.TextContent.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture));

        // The preview wrote nothing: the public page still shows today's figure.
        Assert.Equal(publicBefore, (await HtmlPage.GetAsync(anonymous, "/?year=2025")).Document.Indicator("people_covered").ValueOf());
        Assert.Equal(peopleBefore, (await HtmlPage.GetAsync(staff, "/?year=2025")).Document.Indicator("people_covered").ValueOf());

        var committed = await CommitAsync(staff, html);
        Assert.Equal(HttpStatusCode.OK, committed.StatusCode);
        Assert.NotNull((await HtmlPage.ParseAsync(await committed.Content.ReadAsStringAsync())).QuerySelector("[data-import-committed]"));
        Assert.Equal(peopleBefore + 40, (await HtmlPage.GetAsync(staff, "/?year=2025")).Document.Indicator("people_covered").ValueOf());
        var publicAfter = (await HtmlPage.GetAsync(anonymous, "/?year=2025")).Document.Indicator("people_covered").ValueOf();
        Assert.InRange(publicAfter, peopleBefore + 40 - 5, peopleBefore + 40 + 5);
        Assert.NotEqual(publicBefore, publicAfter);
        Assert.Equal(1, await Database.ScalarAsync(
            "SELECT count(*) FROM audit_log WHERE action = 'import.committed' AND subject = 'placements' AND (details ->> 'added')::int = 40 AND details ->> 'file' = 'placements.csv' AND user_name = 'staff-import@test.local'"));

        // A preview is committed once.
        var again = await CommitAsync(staff, html);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("has expired", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // No IIN in the logs, nor in the analysts' participant export.
        var logged = string.Join('\n', _log.Events.Select(e => e.RenderMessage() + string.Join(' ', e.Properties.Values)));
        var analyst = await StaffAsync(DashboardRoles.Analyst);
        var export = await analyst.GetStringAsync("/exports/records/participants.csv?year=2025");
        foreach (var row in rows)
        {
            Assert.DoesNotContain(row[0], logged, StringComparison.Ordinal);
            Assert.DoesNotContain(row[0], export, StringComparison.Ordinal);
        }

        Assert.Contains(ImportFiles.Pseudonym.IdOf(rows[0][0]).ToString(), export, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Problems_are_listed_by_row_and_column_in_the_page_language_and_downloadable_as_csv()
    {
        var staff = await StaffAsync();
        var rows = ImportFiles.PlacementRows(900, 3);
        rows[1][4] = "=Атлантида";
        rows[2][1] = "IV";

        var preview = await UploadAsync(staff, "placements", ImportFiles.Csv(ImportFiles.PlacementHeader, rows), query: "?lang=ru");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, preview.StatusCode);
        var page = await HtmlPage.ParseAsync(await preview.Content.ReadAsStringAsync());
        Assert.StartsWith("Ошибка: ", page.Title, StringComparison.Ordinal);
        var district = page.QuerySelector("#import-problems tr[data-row='3'][data-column='district']")!;
        Assert.Contains("Район «=Атлантида» не найден", district.TextContent, StringComparison.Ordinal);
        Assert.Contains("Группа «IV» не существует", page.QuerySelector("#import-problems tr[data-row='4'][data-column='disability_group']")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form.import-commit"));

        var report = await staff.GetAsync(page.QuerySelector("a[data-problem-report]")!.GetAttribute("href"));
        Assert.Equal("text/csv", report.Content.Headers.ContentType!.MediaType);
        var lines = Csv.Parse(await report.Content.ReadAsStringAsync());
        Assert.Equal(["Строка", "Столбец", "Проблема"], lines[0]);
        Assert.Contains(lines, l => l[0] == "3" && l[1] == "district" && l[2].StartsWith("Район «=Атлантида»", StringComparison.Ordinal));
        Assert.Contains(lines, l => l[0] == "4" && l[1] == "disability_group");

        // Another user cannot read this user's report.
        var other = await StaffAsync(DashboardRoles.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(page.QuerySelector("a[data-problem-report]")!.GetAttribute("href"))).StatusCode);
    }

    [Fact]
    public async Task A_file_over_the_limit_gets_a_clear_message_and_nothing_is_written()
    {
        var staff = await StaffAsync();
        var before = await ImportFiles.FingerprintAsync(Database.ConnectionString);

        var response = await UploadAsync(staff, "placements", new byte[13 * 1024 * 1024]);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var (shown, page) = await HtmlPage.GetAsync(staff, response.Headers.Location!.OriginalString + "&lang=en");
        Assert.Equal(HttpStatusCode.BadRequest, shown.StatusCode);
        Assert.Contains("The file is too large: at most 12 MB is accepted", page.QuerySelector("#error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await ImportFiles.FingerprintAsync(Database.ConnectionString));
    }

    [Fact]
    public async Task Without_the_pseudonym_key_the_import_refuses_to_run()
    {
        await using var app = new DashboardAppFactory(Database.ConnectionString);
        await app.CreateUserAsync("nokey@test.local", Password, DashboardRoles.Staff);
        var staff = await app.SignedInClientAsync("nokey@test.local", Password);
        var before = await ImportFiles.FingerprintAsync(Database.ConnectionString);

        var (_, page) = await HtmlPage.GetAsync(staff, "/Import?lang=en");
        Assert.NotNull(page.QuerySelector("[data-import-not-configured]"));
        Assert.Null(page.QuerySelector("input[type=file]"));

        // The page offers no form; a hand-made upload (with a token from another form) is refused too.
        var response = await UploadAsync(staff, "placements", ImportFiles.Csv(ImportFiles.PlacementHeader, ImportFiles.PlacementRows(1, 2)), tokenPage: "/Account/Password");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Import__PseudonymKey", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await ImportFiles.FingerprintAsync(Database.ConnectionString));
    }

    [Theory]
    [InlineData("placements")]
    [InlineData("quotas")]
    [InlineData("grants")]
    [InlineData("population")]
    public async Task Each_dataset_has_csv_and_xlsx_templates_whose_header_the_import_accepts(string dataset)
    {
        var staff = await StaffAsync();
        var (_, page) = await HtmlPage.GetAsync(staff, "/Import?lang=kk");
        var documented = page.QuerySelectorAll($"[data-dataset-columns='{dataset}'] tbody th code").Select(c => c.TextContent).ToList();
        Assert.NotEmpty(documented);

        foreach (var format in new[] { "csv", "xlsx" })
        {
            var template = await staff.GetByteArrayAsync(page.QuerySelector($"a[data-template='{dataset}-{format}']")!.GetAttribute("href"));
            var response = await UploadAsync(staff, dataset, template, $"template.{format}");
            var html = await HtmlPage.ParseAsync(await response.Content.ReadAsStringAsync());

            // The header is complete and of this dataset: the only problem is that the template has no rows.
            Assert.Equal(["HeaderOnly"], html.QuerySelectorAll("#import-problems tr[data-code]").Select(r => r.GetAttribute("data-code")));
            if (format == "csv")
            {
                Assert.Equal(documented, Csv.Parse(System.Text.Encoding.UTF8.GetString(template).TrimStart('\uFEFF'))[0]);
            }
        }
    }
}
