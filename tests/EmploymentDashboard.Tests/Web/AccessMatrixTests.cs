using System.Net;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Tests.Infrastructure;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmploymentDashboard.Tests.Web;

/// <summary>
/// Every endpoint the app registers, checked for every audience against a table of expected outcomes.
/// A new endpoint fails this test until someone adds it to the table, deciding who may use it.
/// </summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class AccessMatrixTests(DemoDatabaseFixture fixture)
{
    private const string Password = "Matrix-Lantern-Cobalt-42";

    /// <summary>What an audience gets: the page (200), a redirect to sign-in, 403, or another fixed status.</summary>
    public enum Outcome
    {
        Ok,
        SignIn,
        Forbidden,
        NotFound,
    }

    private static readonly Outcome[] _everyone = [Outcome.Ok, Outcome.Ok, Outcome.Ok, Outcome.Ok];

    private static readonly Outcome[] _adminOnly = [Outcome.SignIn, Outcome.Forbidden, Outcome.Forbidden, Outcome.Ok];

    private static readonly Outcome[] _staffOnly = [Outcome.SignIn, Outcome.Ok, Outcome.Ok, Outcome.Ok];

    private static readonly Outcome[] _analystOnly = [Outcome.SignIn, Outcome.Forbidden, Outcome.Ok, Outcome.Ok];

    /// <summary>Route pattern → outcome for anonymous, Staff, Analyst, Admin.</summary>
    private static readonly Dictionary<string, Outcome[]> _expected = new()
    {
        [""] = _everyone,
        ["Index"] = _everyone,
        ["Methodology"] = _everyone,
        ["Error"] = [Outcome.NotFound, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound],
        ["Account/SignIn"] = _everyone,
        ["Account/SignOut"] = _everyone,
        ["Account/Password"] = [Outcome.SignIn, Outcome.Ok, Outcome.Ok, Outcome.Ok],
        ["Account/AccessDenied"] = [Outcome.Forbidden, Outcome.Forbidden, Outcome.Forbidden, Outcome.Forbidden],
        ["Admin/Audit"] = _adminOnly,
        ["Admin/Audit/Index"] = _adminOnly,
        ["Admin/Plans"] = _adminOnly,
        ["Admin/Plans/Index"] = _adminOnly,
        ["Admin/Users"] = _adminOnly,
        ["Admin/Users/Index"] = _adminOnly,
        ["Admin/Users/Create"] = _adminOnly,
        ["Admin/Users/Edit/{id}"] = _adminOnly,
        ["/health"] = _everyone,
        ["/health/live"] = _everyone,
        ["/health/ready"] = _everyone,
        ["Districts"] = _everyone,
        ["Districts/Index"] = _everyone,
        ["Districts/{code}"] = _everyone,
        ["Measures/{code}"] = _everyone,
        ["Context"] = _everyone,
        ["Map"] = _everyone,
        ["Definitions"] = _everyone,
        ["Quotas"] = _everyone,
        ["Records"] = _staffOnly,
        ["Records/Index"] = _staffOnly,
        ["Records/Edit/{kind}/{id:long}"] = _staffOnly,
        ["Grants"] = _everyone,
        ["Import"] = [Outcome.SignIn, Outcome.Ok, Outcome.Ok, Outcome.Ok],
        ["Import/Index"] = [Outcome.SignIn, Outcome.Ok, Outcome.Ok, Outcome.Ok],
        ["Exports"] = _analystOnly,
        ["Exports/Index"] = _analystOnly,
        ["/exports/records/{dataset}.csv"] = _analystOnly,
        ["/api/{documentName}/openapi.json"] = _everyone,
        ["/api/v1/{dashboard}/{table}"] = _everyone,
        ["/api/v1/{dashboard}/{code}/{table}"] = _everyone,
    };

    /// <summary>Endpoints that exist only when a setting turns them on, with that setting; they too state who may use them.</summary>
    private static readonly Dictionary<string, Outcome[]> _optIn = new()
    {
        ["/benchmark/bytes"] = _everyone,
    };

    [Fact]
    public Task Every_endpoint_answers_each_audience_as_the_table_says() => CheckAsync(fixture.App, _expected);

    [Fact]
    public async Task With_the_benchmark_endpoints_turned_on_they_answer_each_audience_as_the_table_says()
    {
        await using var app = new DashboardAppFactory(
            fixture.Database.ConnectionString,
            settings: new Dictionary<string, string> { [BenchmarkEndpoints.SettingKey] = "true" });
        await CheckAsync(app, _expected.Concat(_optIn).ToDictionary());
    }

    private static async Task CheckAsync(DashboardAppFactory app, Dictionary<string, Outcome[]> expected)
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText ?? string.Empty)
            .Distinct()
            .Order()
            .ToList();

        var unlisted = endpoints.Where(e => !expected.ContainsKey(e)).ToList();
        Assert.True(unlisted.Count == 0, $"Endpoints missing from the access table (decide who may use them): {string.Join(", ", unlisted)}");
        var stale = expected.Keys.Where(k => !endpoints.Contains(k)).ToList();
        Assert.True(stale.Count == 0, $"The access table lists endpoints the app no longer has: {string.Join(", ", stale)}");

        var suffix = Guid.NewGuid().ToString("N");
        var quota = await ScalarAsync(app, "SELECT min(id) FROM employer_quotas");
        var staffUser = await app.CreateUserAsync($"matrix-staff-{suffix}@test.local", Password, DashboardRoles.Staff);
        await app.CreateUserAsync($"matrix-analyst-{suffix}@test.local", Password, DashboardRoles.Analyst);
        await app.CreateUserAsync($"matrix-admin-{suffix}@test.local", Password, DashboardRoles.Admin);
        HttpClient[] clients =
        [
            app.CreatePlainClient(),
            await app.SignedInClientAsync($"matrix-staff-{suffix}@test.local", Password),
            await app.SignedInClientAsync($"matrix-analyst-{suffix}@test.local", Password),
            await app.SignedInClientAsync($"matrix-admin-{suffix}@test.local", Password),
        ];
        string[] audiences = ["anonymous", "Staff", "Analyst", "Admin"];

        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var url = "/" + endpoint.TrimStart('/')
                .Replace("Records/Edit/{kind}/{id:long}", $"Records/Edit/quota/{quota}", StringComparison.Ordinal)
                .Replace("{id}", staffUser.Id, StringComparison.Ordinal)
                .Replace("Districts/{code}", "Districts/temirtau-city", StringComparison.Ordinal)
                .Replace("Measures/{code}", "Measures/public_works", StringComparison.Ordinal)
                .Replace("{dataset}.csv", "quotas.csv?year=2025", StringComparison.Ordinal)
                .Replace("{documentName}", "v1", StringComparison.Ordinal)
                .Replace("{dashboard}/{code}/{table}", "districts/temirtau-city/district-temirtau-city-by-sex-table", StringComparison.Ordinal)
                .Replace("{dashboard}/{table}", "overview/overview-by-month-table", StringComparison.Ordinal)
                .Replace("benchmark/bytes", "benchmark/bytes?length=100", StringComparison.Ordinal);
            for (var i = 0; i < clients.Length; i++)
            {
                var response = await clients[i].GetAsync(url);
                var actual = Classify(response);
                if (actual != expected[endpoint][i])
                {
                    failures.Add($"{url} as {audiences[i]}: expected {expected[endpoint][i]}, got {(int)response.StatusCode} ({actual})");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static async Task<long> ScalarAsync(DashboardAppFactory app, string sql)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EmploymentDashboard.Data.DashboardDbContext>();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        await db.Database.OpenConnectionAsync();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Outcome? Classify(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.OK => Outcome.Ok,
        HttpStatusCode.Forbidden => Outcome.Forbidden,
        HttpStatusCode.NotFound => Outcome.NotFound,
        HttpStatusCode.Redirect when response.Headers.Location?.OriginalString.Contains("/Account/SignIn", StringComparison.Ordinal) == true => Outcome.SignIn,
        _ => null,
    };
}
