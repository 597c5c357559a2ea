using System.Net;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Audit;

/// <summary>
/// What goes into the audit trail through the real pages (account and role changes, sign-in delays, the
/// audit log's own export) and the administrators' audit page: filters, paging, bad input, CSV.
/// Each test class has its own database, so the counts here depend on nothing else.
/// </summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private const string Password = "Quartz-Meadow-Harbour-61";

    private TestDatabase _database = null!;

    private DashboardAppFactory _app = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _app = new DashboardAppFactory(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static string NewEmail(string what) => $"{what}-{Guid.NewGuid():N}@test.local";

    [Fact]
    public async Task A_role_change_is_audited_with_the_administrator_and_the_roles_before_and_after()
    {
        var adminEmail = NewEmail("admin");
        var admin = await _app.CreateUserAsync(adminEmail, Password, DashboardRoles.Admin);
        var target = await _app.CreateUserAsync(NewEmail("target"), Password, DashboardRoles.Staff);
        var client = await _app.SignedInClientAsync(adminEmail, Password);

        var token = await DashboardAppFactory.AntiforgeryTokenAsync(client, $"/Admin/Users/Edit/{target.Id}");
        var response = await client.PostAsync($"/Admin/Users/Edit/{target.Id}?handler=Roles", new FormUrlEncodedContent(
        [
            new("roles", DashboardRoles.Staff),
            new("roles", DashboardRoles.Analyst),
            new("__RequestVerificationToken", token),
        ]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, await _database.ScalarAsync(
            $"""
            SELECT count(*) FROM audit_log
            WHERE kind = 'account' AND action = 'account.roles-changed' AND subject = 'user {target.Id}'
              AND user_id = '{admin.Id}' AND user_name = '{adminEmail}'
              AND before = '{"{"}"roles": ["Staff"]{"}"}'::jsonb AND after = '{"{"}"roles": ["Analyst", "Staff"]{"}"}'::jsonb
              AND occurred_at > now() - interval '1 minute'
            """));

        token = await DashboardAppFactory.AntiforgeryTokenAsync(client, $"/Admin/Users/Edit/{target.Id}");
        await client.PostAsync($"/Admin/Users/Edit/{target.Id}?handler=Disable", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(1, await _database.ScalarAsync(
            $"SELECT count(*) FROM audit_log WHERE action = 'account.disabled' AND subject = 'user {target.Id}' AND (before ->> 'disabled')::boolean = false AND (after ->> 'disabled')::boolean = true"));
    }

    [Fact]
    public async Task Failed_sign_ins_that_start_a_delay_are_audited_without_the_typed_e_mail()
    {
        var email = NewEmail("guessed");
        var account = await _app.CreateUserAsync(email, Password, DashboardRoles.Staff);
        const string address = "10.77.1.2";

        // Five failures from one address are free; the sixth starts the delay (StaffSignIn.FreeFailuresPerAddress).
        for (var i = 0; i < 6; i++)
        {
            await DashboardAppFactory.SignInAsync(_app.CreatePlainClient(address), email, "Wrong-Guess-Number-" + i);
        }

        Assert.Equal(1, await _database.ScalarAsync(
            $"""
            SELECT count(*) FROM audit_log
            WHERE kind = 'sign-in' AND action = 'sign-in.delayed' AND subject = 'user {account.Id}' AND user_id IS NULL
              AND client_address = '{address}' AND details -> 'delayedKeys' ? 'address' AND (details ->> 'delaySeconds')::int >= 1
            """));
        Assert.Equal(0, await _database.ScalarAsync($"SELECT count(*) FROM audit_log WHERE concat(subject, details::text) LIKE '%{email}%'"));
    }

    [Fact]
    public async Task The_audit_page_filters_pages_and_refuses_bad_input_in_the_user_language()
    {
        var adminEmail = NewEmail("auditor");
        var admin = await _app.CreateUserAsync(adminEmail, Password, DashboardRoles.Admin);
        var client = await _app.SignedInClientAsync(adminEmail, Password);
        await _database.ScalarAsync(
            $"""
            INSERT INTO audit_log (occurred_at, user_id, user_name, kind, action, subject)
            SELECT TIMESTAMPTZ '2026-03-01 00:00Z' + n * interval '1 hour', '{admin.Id}', '{adminEmail}', 'correction', 'placement.corrected', 'placement ' || n
            FROM generate_series(1, 120) n;
            INSERT INTO audit_log (occurred_at, user_id, user_name, kind, action, subject)
            VALUES (TIMESTAMPTZ '2026-03-02 10:00Z', 'someone-else', 'other@test.local', 'plan', 'plan.changed', 'plan 2026');
            """);

        var (response, page) = await HtmlPage.GetAsync(client, $"/Admin/Audit?kind=correction&user={admin.Id}&from=2026-03-02&to=2026-03-03");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // 2026-03-02 00:00 up to 2026-03-03 23:00 is hours 24..71 after the start: 48 entries, one page of 50.
        Assert.Equal("48", page.QuerySelector("[data-audit-total]")!.GetAttribute("data-audit-total"));
        Assert.Equal(48, page.QuerySelectorAll("tr[data-audit-entry]").Length);
        Assert.DoesNotContain("plan 2026", page.Body!.TextContent, StringComparison.Ordinal);

        var (_, all) = await HtmlPage.GetAsync(client, "/Admin/Audit?kind=correction&pageNumber=3");
        Assert.Equal(20, all.QuerySelectorAll("tr[data-audit-entry]").Length);
        Assert.NotNull(all.QuerySelector("a[rel='prev']"));
        Assert.Null(all.QuerySelector("a[rel='next']"));

        var (badResponse, bad) = await HtmlPage.GetAsync(client, "/Admin/Audit?from=31.12.2026&kind=nonsense&lang=ru");
        Assert.Equal(HttpStatusCode.BadRequest, badResponse.StatusCode);
        var summary = bad.QuerySelector("[data-error-summary]")!.TextContent;
        Assert.Contains("«31.12.2026» — не дата", summary, StringComparison.Ordinal);
        Assert.Contains("Вида записи «nonsense» нет", summary, StringComparison.Ordinal);
        Assert.Equal("true", bad.QuerySelector("input[name='from']")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task The_audit_log_downloads_as_neutralised_csv_and_the_download_is_audited()
    {
        var adminEmail = NewEmail("csv");
        await _app.CreateUserAsync(adminEmail, Password, DashboardRoles.Admin);
        var client = await _app.SignedInClientAsync(adminEmail, Password);
        await _database.ScalarAsync(
            """
            INSERT INTO audit_log (occurred_at, kind, action, subject, details)
            VALUES (TIMESTAMPTZ '2026-04-01 08:00Z', 'import', 'import.committed', '=HYPERLINK("http://evil.example","x")', '{"file": "@SUM(A1)"}')
            """);

        var response = await client.GetAsync("/Admin/Audit?handler=Csv&kind=import&delimiter=comma");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var rows = Csv.Parse((await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));
        Assert.Equal(["id", "occurred_at", "user_id", "user_name", "kind", "action", "subject", "details", "before", "after", "client_address", "relates_to"], rows[0]);
        Assert.Equal(2, rows.Count);
        Assert.Equal("2026-04-01T08:00:00Z", rows[1][1]);
        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"x\")", rows[1][6]);
        Assert.DoesNotContain(rows[1], cell => cell.StartsWith('=') || cell.StartsWith('@'));
        Assert.Equal(1, await _database.ScalarAsync(
            $"""
            SELECT count(*) FROM audit_log s JOIN audit_log e ON e.relates_to = s.id
            WHERE s.action = 'export.started' AND s.subject = 'audit-log' AND s.user_name = '{adminEmail}'
              AND e.action = 'export.completed' AND (e.details ->> 'rows')::int = 1
            """));
    }

    [Fact]
    public async Task Only_administrators_see_the_audit_log()
    {
        var staffEmail = NewEmail("staff");
        await _app.CreateUserAsync(staffEmail, Password, DashboardRoles.Staff, DashboardRoles.Analyst);
        var staff = await _app.SignedInClientAsync(staffEmail, Password);

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/Admin/Audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/Admin/Audit?handler=Csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await _app.CreatePlainClient().GetAsync("/Admin/Audit?handler=Csv")).StatusCode);
    }
}
