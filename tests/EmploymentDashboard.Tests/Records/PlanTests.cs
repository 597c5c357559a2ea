using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EmploymentDashboard.Data.Demo;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Records;

/// <summary>Annual plans: entered by an administrator in the grid or from a file, audited, and shown as plan against actual on the pages and in the table files.</summary>
public sealed class PlanTests : IAsyncLifetime
{
    private const string Password = "Saffron-Glacier-Wharf-57";

    private TestDatabase _database = null!;

    private DashboardAppFactory _app = null!;

    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using (var db = _database.CreateContext())
        {
            await DemoDataLoader.SeedIfEmptyAsync(db);
        }

        _app = new DashboardAppFactory(_database.ConnectionString);
        await _app.CreateUserAsync("planner@test.local", Password, DashboardRoles.Admin);
        _admin = await _app.SignedInClientAsync("planner@test.local", Password);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<HttpResponseMessage> SaveGridAsync(Dictionary<string, string> cells)
    {
        var token = await DashboardAppFactory.AntiforgeryTokenAsync(_admin, "/Admin/Plans?year=2025");
        var fields = new Dictionary<string, string>(cells) { ["__RequestVerificationToken"] = token };
        return await _admin.PostAsync("/Admin/Plans?year=2025", new FormUrlEncodedContent(fields));
    }

    private async Task<HttpResponseMessage> UploadAsync(string csv, Encoding encoding)
    {
        var token = await DashboardAppFactory.AntiforgeryTokenAsync(_admin, "/Admin/Plans?year=2025");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(encoding.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "plans.csv");
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await _admin.PostAsync("/Admin/Plans?handler=Upload&year=2025&lang=en", form);
    }

    [Fact]
    public async Task Plans_from_the_grid_show_as_plan_against_actual_on_the_pages_and_in_the_files_and_are_audited()
    {
        Assert.Equal(HttpStatusCode.Redirect, (await SaveGridAsync(new()
        {
            ["plan:region:people_covered"] = "1400",
            ["plan:region:events_vacancy"] = "400",
            ["plan:karaganda-city:events_vacancy"] = "200",
        })).StatusCode);

        var staff = _admin;
        var (_, overview) = await HtmlPage.GetAsync(staff, "/?year=2025&lang=en");
        var people = overview.QuerySelector("#overview-plan-table tr[data-indicator='people_covered']")!;
        Assert.Equal(["1,400", "1,120", "80.0"], people.QuerySelectorAll("td").Select(c => c.TextContent.Trim().TrimEnd('%')).ToArray());
        var vacancy = overview.QuerySelector("#overview-plan-table tr[data-indicator='events_vacancy']")!;
        Assert.Equal("89.5", vacancy.QuerySelectorAll("td")[2].TextContent.Trim().TrimEnd('%'));

        var (_, measure) = await HtmlPage.GetAsync(staff, "/Measures/vacancy?year=2025");
        Assert.Single(measure.QuerySelectorAll("#measure-vacancy-plan-table tbody tr"));
        var (_, district) = await HtmlPage.GetAsync(staff, "/Districts/karaganda-city?year=2025");
        Assert.NotNull(district.QuerySelector("#district-karaganda-city-plan-table tr[data-indicator='events_vacancy']"));
        var (_, otherYear) = await HtmlPage.GetAsync(staff, "/?year=2024");
        Assert.Null(otherYear.QuerySelector("#overview-plan-table"));

        var csv = await staff.GetStringAsync("/api/v1/overview/overview-plan-table?year=2025&format=csv&headers=codes");
        var rows = Csv.Parse(csv.TrimStart('\uFEFF'));
        Assert.Equal(["indicator", "plan", "actual", "share_achieved_percent"], rows[0].Take(4));
        Assert.Contains(rows, r => r[0].Length > 0 && r[1] == "1400" && r[2] == "1120" && r[3] == "80.0");

        Assert.Equal(1, await _database.ScalarAsync(
            "SELECT count(*) FROM audit_log WHERE kind = 'plan' AND action = 'plan.set' AND subject = 'plan 2025 region people_covered' AND before ->> 'value' IS NULL AND (after ->> 'value')::int = 1400 AND user_name = 'planner@test.local'"));

        // Emptying a cell removes that plan, and the audit says so.
        Assert.Equal(HttpStatusCode.Redirect, (await SaveGridAsync(new() { ["plan:region:people_covered"] = "1400", ["plan:region:events_vacancy"] = "400" })).StatusCode);
        Assert.Equal(2, await _database.ScalarAsync("SELECT count(*) FROM annual_plans WHERE year = 2025"));
        Assert.Equal(1, await _database.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'plan.cleared' AND subject = 'plan 2025 karaganda-city events_vacancy' AND (before ->> 'value')::int = 200"));
    }

    [Fact]
    public async Task A_bad_grid_value_or_plan_file_is_refused_by_row_and_column_and_changes_nothing()
    {
        var bad = await SaveGridAsync(new() { ["plan:region:people_covered"] = "-3" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(0, await _database.ScalarAsync("SELECT count(*) FROM annual_plans"));

        var response = await UploadAsync("year;district;indicator;value\n2025;Нуринский район;people_covered;40\n2025;Atlantis;people_covered;5\n2025;region;events_vacancy;-1\n", Encoding.UTF8);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = (await HtmlPage.ParseAsync(await response.Content.ReadAsStringAsync())).QuerySelector("[data-error-summary]")!.TextContent;
        Assert.Contains("Row 3, column district: There is no district \"Atlantis\"", text, StringComparison.Ordinal);
        Assert.Contains("Row 4, column value:", text, StringComparison.Ordinal);
        Assert.Equal(0, await _database.ScalarAsync("SELECT count(*) FROM annual_plans"));
        Assert.Equal(0, await _database.ScalarAsync("SELECT count(*) FROM audit_log WHERE kind = 'plan'"));
    }

    [Fact]
    public async Task A_plan_file_in_windows_1251_with_district_names_loads_every_row()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var response = await UploadAsync("Год;Район;Показатель;План\r\n2025;Нуринский район;people_covered;40\r\n2025;region;events_business_grant;70\r\n2025;temirtau-city;quota_places_filled;25\r\n", Encoding.GetEncoding(1251));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(3, await _database.ScalarAsync("SELECT count(*) FROM annual_plans WHERE year = 2025"));
        Assert.Equal(40, await _database.ScalarAsync("SELECT p.value FROM annual_plans p JOIN districts d ON d.id = p.district_id WHERE d.code = 'nura-district' AND p.indicator = 'people_covered'"));
        Assert.Equal(3, await _database.ScalarAsync("SELECT count(*) FROM audit_log WHERE kind = 'plan' AND details ->> 'source' = 'plans.csv'"));
    }
}
