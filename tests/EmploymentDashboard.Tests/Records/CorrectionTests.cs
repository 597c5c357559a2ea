using System.Net;
using EmploymentDashboard.Data.Demo;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Tests.Records;

/// <summary>
/// Correcting one record through the real pages: validation in the user's language, optimistic concurrency
/// on PostgreSQL's xmin (the second of two saves from the same version is refused and overwrites nothing),
/// the rollups, caches and dataset stamp following at once, and the audit entry with before and after.
/// </summary>
public sealed class CorrectionTests : IAsyncLifetime
{
    private const string Password = "Juniper-Compass-Drift-83";

    private TestDatabase _database = null!;

    private DashboardAppFactory _app = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using (var db = _database.CreateContext())
        {
            await DemoDataLoader.SeedIfEmptyAsync(db);
        }

        _app = new DashboardAppFactory(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<HttpClient> StaffAsync(string who)
    {
        var email = $"{who}-{Guid.NewGuid():N}@test.local";
        await _app.CreateUserAsync(email, Password, DashboardRoles.Staff);
        return await _app.SignedInClientAsync(email, Password);
    }

    /// <summary>Posts the correction form as the page had it (version included), with the given fields changed.</summary>
    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, string path, Dictionary<string, string> changes, AngleSharp.Dom.IDocument? openedForm = null)
    {
        var form = openedForm ?? (await HtmlPage.GetAsync(client, path)).Document;
        var fields = form.QuerySelectorAll("form[data-correction-form] input, form[data-correction-form] select, form[data-correction-form] textarea")
            .Where(e => e.GetAttribute("name") is not null)
            .ToDictionary(
                e => e.GetAttribute("name")!,
                e => e.TagName switch
                {
                    "SELECT" => e.QuerySelector("option[selected]")?.GetAttribute("value") ?? string.Empty,
                    "TEXTAREA" => e.TextContent,
                    _ => e.GetAttribute("value") ?? string.Empty,
                });
        foreach (var (name, value) in changes)
        {
            fields[name] = value;
        }

        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task Of_two_saves_from_the_same_version_the_second_is_refused_and_nothing_is_overwritten()
    {
        var quota = await _database.ScalarAsync("SELECT min(id) FROM employer_quotas WHERE places_set >= 3 AND status = 'InForce'");
        var path = $"/Records/Edit/quota/{quota}";
        var first = await StaffAsync("first");
        var second = await StaffAsync("second");

        // Both open the form on the same version; the first saves, then the second.
        var firstForm = (await HtmlPage.GetAsync(first, path + "?lang=en")).Document;
        var secondForm = (await HtmlPage.GetAsync(second, path + "?lang=en")).Document;
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(first, path, new() { ["Form.PlacesFilled"] = "2" }, firstForm)).StatusCode);
        var refused = await SaveAsync(second, path, new() { ["Form.PlacesFilled"] = "3" }, secondForm);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = await HtmlPage.ParseAsync(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Someone else saved this record", page.QuerySelector("[data-error-summary]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2", page.QuerySelector("input[name='Form.PlacesFilled']")!.GetAttribute("value"));
        Assert.Equal(2, await _database.ScalarAsync($"SELECT places_filled FROM employer_quotas WHERE id = {quota}"));
        Assert.Equal(1, await _database.ScalarAsync($"SELECT count(*) FROM audit_log WHERE action = 'quota.corrected' AND subject = 'quota {quota}'"));

        // With the refreshed form (the new version) the second user's save goes through.
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(second, path, new() { ["Form.PlacesFilled"] = "3" }, page)).StatusCode);
        Assert.Equal(3, await _database.ScalarAsync($"SELECT places_filled FROM employer_quotas WHERE id = {quota}"));
    }

    [Fact]
    public async Task Two_contexts_saving_the_same_grant_at_once_cannot_both_win()
    {
        var id = await _database.ScalarAsync("SELECT min(id) FROM grants");
        await using var one = _database.CreateContext();
        await using var two = _database.CreateContext();
        var a = await one.Grants.SingleAsync(g => g.Id == id);
        var b = await two.Grants.SingleAsync(g => g.Id == id);
        a.AmountKzt = 1_000_001m;
        b.AmountKzt = 1_000_002m;

        await one.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => two.SaveChangesAsync());
        Assert.Equal(1_000_001, await _database.ScalarAsync($"SELECT amount_kzt::bigint FROM grants WHERE id = {id}"));
    }

    [Fact]
    public async Task A_placement_correction_moves_the_event_in_the_rollups_and_the_pages_at_once_and_is_audited()
    {
        var id = await _database.ScalarAsync(
            "SELECT min(p.id) FROM placements p JOIN support_measures m ON m.id = p.measure_id WHERE m.code = 'public_works' AND p.date BETWEEN '2025-01-01' AND '2025-12-31'");
        var staff = await StaffAsync("corrector");
        var anonymous = _app.CreatePlainClient();
        var (_, anonymousBefore) = await HtmlPage.GetAsync(anonymous, "/?year=2025");
        var (_, before) = await HtmlPage.GetAsync(staff, "/?year=2025");
        Assert.Equal(290, before.Indicator("events_public_works").ValueOf());
        Assert.Equal(358, before.Indicator("events_vacancy").ValueOf());

        var response = await SaveAsync(staff, $"/Records/Edit/placement/{id}", new() { ["Form.Measure"] = "vacancy", ["Form.Reason"] = "Entered under the wrong measure" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, after) = await HtmlPage.GetAsync(staff, "/?year=2025");
        Assert.Equal(289, after.Indicator("events_public_works").ValueOf());
        Assert.Equal(359, after.Indicator("events_vacancy").ValueOf());
        Assert.Equal(0, await _database.ScalarAsync(
            """
            SELECT count(*) FROM (
                SELECT measure_id, date_trunc('month', date)::date AS month, count(*) AS n FROM placements GROUP BY 1, 2
                EXCEPT SELECT measure_id, month, sum(events) FROM placement_months GROUP BY 1, 2) d
            """));

        // The anonymous page was cached before the correction; it is rebuilt, with the new last-update stamp.
        var (_, anonymousAfter) = await HtmlPage.GetAsync(anonymous, "/?year=2025");
        Assert.Equal(DemoDataGenerator.DemoLastUpdated.ToString("yyyy-MM-dd"), anonymousBefore.QuerySelector("[data-last-updated]")!.GetAttribute("datetime"));
        Assert.Equal(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd"), anonymousAfter.QuerySelector("[data-last-updated]")!.GetAttribute("datetime"));

        Assert.Equal(1, await _database.ScalarAsync(
            $"""
            SELECT count(*) FROM audit_log
            WHERE kind = 'correction' AND action = 'placement.corrected' AND subject = 'placement {id}' AND user_name LIKE 'corrector-%'
              AND before ->> 'measure' = 'public_works' AND after ->> 'measure' = 'vacancy' AND before ->> 'date' = after ->> 'date'
              AND details ->> 'reason' = 'Entered under the wrong measure'
            """));
    }

    [Fact]
    public async Task Bad_values_are_refused_with_messages_in_the_user_language_and_change_nothing()
    {
        var staff = await StaffAsync("validator");
        var placement = await _database.ScalarAsync("SELECT min(id) FROM placements");
        var grant = await _database.ScalarAsync("SELECT min(id) FROM grants");
        var quota = await _database.ScalarAsync("SELECT min(id) FROM employer_quotas");
        var placesSet = await _database.ScalarAsync($"SELECT places_set FROM employer_quotas WHERE id = {quota}");
        var checksum = await ChecksumAsync();

        async Task<string> RefusedAsync(string path, Dictionary<string, string> changes)
        {
            var response = await SaveAsync(staff, path + "?lang=ru", changes);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var page = await HtmlPage.ParseAsync(await response.Content.ReadAsStringAsync());
            Assert.StartsWith("Ошибка: ", page.Title, StringComparison.Ordinal);
            return page.QuerySelector("[data-error-summary]")!.TextContent;
        }

        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd");
        Assert.Contains($"Дата {tomorrow} ещё не наступила", await RefusedAsync($"/Records/Edit/placement/{placement}", new() { ["Form.Date"] = tomorrow }), StringComparison.Ordinal);
        Assert.Contains("«31.02.2025» — не дата", await RefusedAsync($"/Records/Edit/placement/{placement}", new() { ["Form.Date"] = "31.02.2025" }), StringComparison.Ordinal);
        Assert.Contains("раньше 2023 года", await RefusedAsync($"/Records/Edit/placement/{placement}", new() { ["Form.Date"] = "2019-05-01" }), StringComparison.Ordinal);
        Assert.Contains("Выберите меру", await RefusedAsync($"/Records/Edit/placement/{placement}", new() { ["Form.Measure"] = "business_grant" }), StringComparison.Ordinal);
        Assert.Contains("«-5» — не сумма в тенге", await RefusedAsync($"/Records/Edit/grant/{grant}", new() { ["Form.Amount"] = "-5" }), StringComparison.Ordinal);
        Assert.Contains("больше нуля", await RefusedAsync($"/Records/Edit/grant/{grant}", new() { ["Form.Amount"] = "0" }), StringComparison.Ordinal);
        Assert.Contains($"больше установленных ({placesSet})", await RefusedAsync($"/Records/Edit/quota/{quota}", new() { ["Form.PlacesFilled"] = (placesSet + 1).ToString() }), StringComparison.Ordinal);
        Assert.Contains("«x» — не число мест", await RefusedAsync($"/Records/Edit/quota/{quota}", new() { ["Form.PlacesFilled"] = "x" }), StringComparison.Ordinal);

        Assert.Equal(checksum, await ChecksumAsync());
        Assert.Equal(0, await _database.ScalarAsync("SELECT count(*) FROM audit_log WHERE kind = 'correction'"));

        // A grant amount typed the Russian way is understood.
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(staff, $"/Records/Edit/grant/{grant}", new() { ["Form.Amount"] = "1 572 800,50" })).StatusCode);
        Assert.Equal(157280050, await _database.ScalarAsync($"SELECT (amount_kzt * 100)::bigint FROM grants WHERE id = {grant}"));
    }

    [Fact]
    public async Task The_search_page_opens_a_record_and_explains_what_it_cannot_find()
    {
        var staff = await StaffAsync("finder");
        var bin = await TextAsync("SELECT e.bin FROM employers e JOIN employer_quotas q ON q.employer_id = e.id WHERE q.year = 2025 ORDER BY e.id LIMIT 1");
        var quota = await _database.ScalarAsync($"SELECT q.id FROM employer_quotas q JOIN employers e ON e.id = q.employer_id WHERE e.bin = '{bin}' AND q.year = 2025 ORDER BY q.status LIMIT 1");

        var found = await staff.GetAsync($"/Records?kind=quota&bin={bin}&year=2025");
        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        Assert.Equal($"/Records/Edit/quota/{quota}", found.Headers.Location!.OriginalString);

        var (missing, page) = await HtmlPage.GetAsync(staff, "/Records?kind=placement&number=999999999&lang=en");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("There is no such record", page.QuerySelector("[data-error-summary]")!.TextContent, StringComparison.Ordinal);
        var (bad, badPage) = await HtmlPage.GetAsync(staff, "/Records?kind=quota&bin=12ab&year=2025&lang=kk");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("БСН 12 цифрдан тұрады", badPage.QuerySelector("[data-error-summary]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/Records/Edit/employer/1")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitors_cannot_correct_anything()
    {
        var id = await _database.ScalarAsync("SELECT min(id) FROM grants");
        var amount = await _database.ScalarAsync($"SELECT amount_kzt::bigint FROM grants WHERE id = {id}");
        var anonymous = _app.CreatePlainClient();

        var response = await anonymous.GetAsync($"/Records/Edit/grant/{id}");
        var post = await anonymous.PostAsync($"/Records/Edit/grant/{id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.Amount"] = "1" }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/SignIn", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.False(post.IsSuccessStatusCode);
        Assert.Equal(amount, await _database.ScalarAsync($"SELECT amount_kzt::bigint FROM grants WHERE id = {id}"));
    }

    private Task<long> ChecksumAsync() => _database.ScalarAsync(
        """
        SELECT (SELECT sum(hashtext(p::text)) FROM placements p) + (SELECT sum(hashtext(g::text)) FROM grants g)
             + (SELECT sum(hashtext(q::text)) FROM employer_quotas q) + (SELECT sum(hashtext(m::text)) FROM placement_months m)
        """);

    private async Task<string> TextAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
