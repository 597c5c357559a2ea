using System.Globalization;
using System.Net;
using System.Text.Json;
using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace EmploymentDashboard.Tests.Web;

/// <summary>
/// An attacker with anonymous access only, against the public JSON API over the demo data (ADR 0010): the
/// combinations the issue used are refused, and what the public may still ask for (district and measure
/// differences against the totals, the sex, group and age splits, the four quarters of the year, and all
/// of them averaged, with the p-table's bounds intersected over every route) pins no cell and guesses true
/// small counts no better than a guess made without asking.
/// </summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class CellKeyAttackTests(DemoDatabaseFixture fixture, ITestOutputHelper output)
{
    /// <summary>
    /// How much better than the best guess made without any query the attacker's exact-guess rate on true small
    /// counts may be: 0.10, documented in ADR 0010. A rate is a share of true small cells guessed exactly.
    /// </summary>
    public const double GuessMargin = 0.10;

    private const string Year = "2025";

    private static readonly string[][] Splits =
    [
        ["sex=female", "sex=male"],
        ["group=1", "group=2", "group=3"],
        ["age=under-30", "age=30-39", "age=40-49", "age=50-59", "age=60-plus"],
    ];

    private static readonly string[] Quarters = ["from=2025-01&to=2025-03", "from=2025-04&to=2025-06", "from=2025-07&to=2025-09", "from=2025-10&to=2025-12"];

    private static PerturbationTable PTable => PerturbationTable.Default;

    [Theory]
    [InlineData("district=karaganda-city&district=priozersk-city")]
    [InlineData("measure=vacancy&measure=social_jobs")]
    [InlineData("from=2025-02&to=2025-12")]
    [InlineData("from=2025-01&to=2025-01")]
    [InlineData("sex=female&group=1&age=30-39")]
    [InlineData("group=1&group=2")]
    public async Task The_combinations_of_the_issue_are_refused_to_the_public_with_a_reason_and_kept_for_staff(string query)
    {
        var url = "/api/v1/overview/overview-by-measure-table?year=2025&lang=en&" + query;

        var refused = await fixture.App.CreatePlainClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("public view", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var page = await fixture.App.CreatePlainClient().GetAsync("/?lang=en&" + query);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await (await fixture.StaffClientAsync()).GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Differencing_splits_quarters_and_totals_pins_no_cell_and_guesses_small_counts_no_better_than_not_asking()
    {
        var (districts, measures) = await CodesAsync();
        var visitor = fixture.App.CreatePlainClient();
        var staff = await fixture.StaffClientAsync();

        // Every table the attack reads: by measure (events and people, with the total row), for each district and
        // for all, unsplit, by each split value, and by quarter. The same from staff gives the truth.
        var selections = new List<string> { string.Empty };
        selections.AddRange(Splits.SelectMany(s => s));
        selections.AddRange(Quarters);
        var published = new Dictionary<(string District, string Selection), Table>();
        var truth = new Dictionary<(string District, string Selection), Table>();
        foreach (var district in districts.Append(string.Empty))
        {
            foreach (var selection in selections)
            {
                var query = $"/api/v1/overview/overview-by-measure-table?lang=en&{(selection.StartsWith("from", StringComparison.Ordinal) ? selection : "year=" + Year + (selection.Length > 0 ? "&" + selection : string.Empty))}{(district.Length > 0 ? "&district=" + district : string.Empty)}";
                published[(district, selection)] = await Table.GetAsync(visitor, query, measures);
                truth[(district, selection)] = await Table.GetAsync(staff, query, measures);
            }
        }

        var results = new List<Attack>();
        foreach (var district in districts)
        {
            foreach (var measure in measures)
            {
                // The cell itself, events and people.
                results.Add(AttackEvents(published, truth, districts, measures, district, measure, string.Empty));
                results.Add(AttackPeople(published, truth, district, measure, string.Empty));
                foreach (var selection in Splits.SelectMany(s => s))
                {
                    results.Add(AttackEvents(published, truth, districts, measures, district, measure, selection));
                    results.Add(AttackPeople(published, truth, district, measure, selection));
                }
            }
        }

        var pinned = results.Where(r => r.Feasible.Count == 1).ToList();
        Assert.True(pinned.Count == 0, $"{pinned.Count} cells pinned, e.g. {string.Join("; ", pinned.Take(5).Select(p => $"{p.Name} = {p.True}"))}");
        Assert.All(results, r => Assert.Contains(r.True, r.Feasible));

        var k = PTable.Parameters.Threshold;
        var small = results.Where(r => r.True >= 1 && r.True < k).ToList();
        Assert.True(small.Count >= 50, $"the demo data should have true small cells to attack; found {small.Count}");

        // The best guess without any query: the most common small value, guessed for every small cell.
        var baseline = small.GroupBy(r => r.True).Max(g => g.Count()) / (double)small.Count;
        var rates = new Dictionary<string, double>
        {
            ["most likely true value for the cell's own published value"] = Rate(small, r => r.DirectGuess),
            ["mean of every route, rounded"] = Rate(small, r => r.AverageGuess),
            ["mean of every route, nearest feasible value"] = Rate(small, r => r.FeasibleGuess),
            ["most likely small value among the feasible ones"] = Rate(small, r => r.SmallFeasibleGuess),
        };
        output.WriteLine($"{results.Count} cells attacked through {published.Count} public tables; {small.Count} true small counts (1..{k - 1}); none pinned.");
        output.WriteLine($"best guess without any query: {baseline:P1} exact");
        foreach (var (strategy, rate) in rates)
        {
            output.WriteLine($"{strategy}: {rate:P1} exact (margin allowed {GuessMargin:P0})");
        }

        Assert.All(rates, rate => Assert.True(rate.Value <= baseline + GuessMargin, $"\"{rate.Key}\" guesses {rate.Value:P1} of small counts exactly, against {baseline:P1} without asking."));
    }

    [Fact]
    public async Task Public_figures_stay_within_the_noise_the_p_table_states_at_region_and_district_level()
    {
        var visitor = fixture.App.CreatePlainClient();
        var staff = await fixture.StaffClientAsync();
        const string url = "/api/v1/overview/placements-table?year=2025&lang=en";
        var published = await RowsAsync(visitor, url);
        var exact = await RowsAsync(staff, url);

        foreach (var (level, rows) in new[] { ("region", new[] { published.Count - 1 }), ("district", Enumerable.Range(0, published.Count - 1).ToArray()) })
        {
            var pairs = rows.SelectMany(r => published[r].Zip(exact[r])).Where(p => p.First is not null && p.Second is not null).Select(p => (Public: (long)p.First!.Value, True: (long)p.Second!.Value)).ToList();
            var differences = pairs.Select(p => Math.Abs(p.Public - p.True)).ToList();
            var mad = differences.Average(d => (double)d);

            // What the p-table says to expect for these true values: the mean of E|noise| of their rows, and its standard error.
            var expected = pairs.Select(p => ExpectedAbsoluteNoise(p.True)).ToList();
            var spread = Math.Sqrt(pairs.Select(p => SquaredNoise(p.True) - Math.Pow(ExpectedAbsoluteNoise(p.True), 2)).Sum()) / pairs.Count;
            output.WriteLine($"{level}: {pairs.Count} figures, mean absolute difference {mad:F2} (p-table expects {expected.Average():F2} ± {spread:F2}), largest {differences.Max()}");

            Assert.All(differences, d => Assert.InRange(d, 0, PTable.Parameters.MaxNoise));
            Assert.True(mad <= expected.Average() + (3 * spread) + 0.05, $"{level}: mean absolute difference {mad:F2} is beyond the p-table's {expected.Average():F2}");
        }
    }

    private static double ExpectedAbsoluteNoise(long value) => PTable.Rows[(int)Math.Min(value, PTable.Parameters.LastRow)].Sum(x => Math.Abs(x.Noise) * x.Probability);

    private static double SquaredNoise(long value) => PTable.Rows[(int)Math.Min(value, PTable.Parameters.LastRow)].Sum(x => x.Noise * x.Noise * x.Probability);

    private static double Rate(List<Attack> small, Func<Attack, long> guess) => small.Count(r => guess(r) == r.True) / (double)small.Count;

    private async Task<(List<string> Districts, List<string> Measures)> CodesAsync()
    {
        await using var db = fixture.Database.CreateContext();
        var districts = await db.Districts.OrderBy(d => d.SortOrder).Select(d => d.Code).ToListAsync();
        var measures = await db.SupportMeasures.OrderBy(m => m.SortOrder).Select(m => m.Code).ToListAsync();
        return (districts, measures);
    }

    private static async Task<List<decimal?[]>> RowsAsync(HttpClient client, string url)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync(url));
        return [.. json.RootElement.GetProperty("rows").EnumerateArray().Select(row => row.EnumerateArray().Skip(1)
            .Select(c => c.ValueKind == JsonValueKind.Object && c.GetProperty("value").ValueKind == JsonValueKind.Number ? c.GetProperty("value").GetDecimal() : (decimal?)null).ToArray())];
    }

    /// <summary>
    /// Events of a cell (district, measure, selection) from every route the public has: the cell, the sum of its
    /// parts in each split and over the quarters (events add up), the region minus the other districts, and the
    /// district's total minus its other measures; for a split cell also the unsplit cell minus the other parts.
    /// </summary>
    private static Attack AttackEvents(Dictionary<(string, string), Table> published, Dictionary<(string, string), Table> truth, List<string> districts, List<string> measures, string district, string measure, string selection)
    {
        var routes = new List<Route> { Route.Of(published[(district, selection)].Events[measure]) };
        if (selection.Length == 0)
        {
            routes.AddRange(Splits.Select(split => Route.Sum(split.Select(s => published[(district, s)].Events[measure]))));
            routes.Add(Route.Sum(Quarters.Select(q => published[(district, q)].Events[measure])));
            foreach (var split in Splits)
            {
                routes.Add(Route.Sum(split.Select(s => Route.Difference(published[(string.Empty, s)].Events[measure], districts.Where(d => d != district).Select(d => published[(d, s)].Events[measure])))));
            }
        }
        else
        {
            var family = Splits.Single(s => s.Contains(selection));
            routes.Add(Route.Difference(published[(district, string.Empty)].Events[measure], family.Where(s => s != selection).Select(s => published[(district, s)].Events[measure])));
        }

        routes.Add(Route.Difference(published[(string.Empty, selection)].Events[measure], districts.Where(d => d != district).Select(d => published[(d, selection)].Events[measure])));
        routes.Add(Route.Difference(published[(district, selection)].TotalEvents, measures.Where(m => m != measure).Select(m => published[(district, selection)].Events[m])));
        return Attack.Of($"events {district} {measure} {selection}", truth[(district, selection)].Events[measure], routes);
    }

    /// <summary>People of a cell: the cell, and (within one year a person has one sex, group and age band) the sum of its parts in each split, or for a split cell the unsplit cell minus the other parts.</summary>
    private static Attack AttackPeople(Dictionary<(string, string), Table> published, Dictionary<(string, string), Table> truth, string district, string measure, string selection)
    {
        var routes = new List<Route> { Route.Of(published[(district, selection)].People[measure]) };
        if (selection.Length == 0)
        {
            routes.AddRange(Splits.Select(split => Route.Sum(split.Select(s => published[(district, s)].People[measure]))));
        }
        else
        {
            var family = Splits.Single(s => s.Contains(selection));
            routes.Add(Route.Difference(published[(district, string.Empty)].People[measure], family.Where(s => s != selection).Select(s => published[(district, s)].People[measure])));
        }

        return Attack.Of($"people {district} {measure} {selection}", truth[(district, selection)].People[measure], routes);
    }

    /// <summary>What one route says of the target: the true values it allows under the p-table, and its point estimate.</summary>
    private sealed record Route(HashSet<long> Feasible, long Estimate)
    {
        /// <summary>A published value: every true value whose p-table row can publish it.</summary>
        public static Route Of(long published) => new(
            [.. Enumerable.Range(0, (int)published + PTable.Parameters.MaxNoise + 1).Select(t => (long)t).Where(t => PTable.Probability(t, published) > 0)],
            published);

        public static Route Sum(IEnumerable<long> parts) => Sum(parts.Select(Of));

        public static Route Sum(IEnumerable<Route> parts) => parts.Aggregate(
            new Route([0], 0),
            (sum, part) => new Route([.. sum.Feasible.SelectMany(a => part.Feasible.Select(b => a + b))], sum.Estimate + part.Estimate));

        /// <summary>A total minus other parts: its feasible values are the non-negative differences.</summary>
        public static Route Difference(long total, IEnumerable<long> others)
        {
            var rest = Sum(others);
            var whole = Of(total);
            return new Route([.. whole.Feasible.SelectMany(a => rest.Feasible.Select(b => a - b)).Where(x => x >= 0)], Math.Max(0, total - rest.Estimate));
        }
    }

    /// <summary>The attacker's conclusions on one cell: the values every route allows, and its exact guesses.</summary>
    private sealed record Attack(string Name, long True, HashSet<long> Feasible, long DirectGuess, long AverageGuess, long FeasibleGuess, long SmallFeasibleGuess)
    {
        public static Attack Of(string name, long trueValue, List<Route> routes)
        {
            var feasible = routes.Skip(1).Aggregate(routes[0].Feasible, (set, route) => [.. set.Intersect(route.Feasible)]);
            var direct = routes[0].Estimate;
            var mean = routes.Average(r => (double)r.Estimate);
            var k = PTable.Parameters.Threshold;
            return new Attack(
                name,
                trueValue,
                feasible,
                DirectGuess: routes[0].Feasible.OrderByDescending(t => PTable.Probability(t, direct)).ThenBy(t => t).First(),
                AverageGuess: (long)Math.Max(0, Math.Round(mean)),
                FeasibleGuess: feasible.OrderBy(t => Math.Abs(t - mean)).ThenBy(t => t).FirstOrDefault(),
                SmallFeasibleGuess: feasible.Where(t => t >= 1 && t < k).OrderByDescending(t => PTable.Probability(t, direct)).ThenBy(t => t).DefaultIfEmpty(1).First());
        }
    }

    /// <summary>A by-measure table: events and people per measure code, and the total of events.</summary>
    private sealed record Table(Dictionary<string, long> Events, Dictionary<string, long> People, long TotalEvents)
    {
        public static async Task<Table> GetAsync(HttpClient client, string url, List<string> measures)
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            var rows = await RowsAsync(client, url);
            Assert.Equal(measures.Count + 1, rows.Count);
            long At(int row, int column) => (long)(rows[row][column] ?? throw new Xunit.Sdk.XunitException($"{url}: a count is withheld"));
            return new Table(
                measures.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => At(x.i, 0)),
                measures.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => At(x.i, 1)),
                At(measures.Count, 0));
        }
    }
}

/// <summary>The same public cell asked for through different routes gets the same value (ADR 0010).</summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class CellKeyConsistencyTests(DemoDatabaseFixture fixture)
{
    [Theory]
    [InlineData("priozersk-city")]
    [InlineData("aktogay-district")]
    [InlineData("temirtau-city")]
    public async Task A_district_cell_is_the_same_on_its_pages_in_its_files_and_through_the_api(string district)
    {
        var client = fixture.App.CreatePlainClient();
        var routes = new List<(string Route, long? Value)>();

        // Events of the district in 2025: the overview's table, the districts comparison, the map, the district's own page and its by-measure table.
        var (_, overview) = await HtmlPage.GetAsync(client, "/?year=2025");
        var row = overview.QuerySelector($"#placements-table tr[data-district='{district}']")!;
        routes.Add(("overview page, total events", row.QuerySelector("td[data-column='total_events']")!.ShownValueOf()));
        routes.Add(("districts comparison api", await CellAsync(client, "/api/v1/districts/districts-comparison?year=2025&lang=en", district, "events")));
        routes.Add(("map api", await CellAsync(client, "/api/v1/map/map-table?indicator=events&lang=en", district, "events")));
        var (_, page) = await HtmlPage.GetAsync(client, $"/Districts/{district}");
        routes.Add(("district page card", page.Indicator("events").ShownValueOf()));
        routes.Add(("by-measure table of the district, total row", await TotalAsync(client, $"/api/v1/overview/overview-by-measure-table?district={district}&from=2025-01&to=2025-12&lang=en", 0)));
        Assert.True(routes.Select(r => r.Value).Distinct().Count() == 1, string.Join("; ", routes.Select(r => $"{r.Route}: {r.Value}")));

        // Vacancies of the district: the overview's cell, the measure page's table, the CSV and XLSX downloads.
        var vacancies = new List<(string Route, long? Value)>
        {
            ("overview page cell", row.QuerySelector("td[data-measure='vacancy']")!.ShownValueOf()),
            ("measure page api", await CellAsync(client, "/api/v1/measures/vacancy/measure-vacancy-by-district-table?year=2025&lang=en", district, "events")),
            ("csv", await CsvCellAsync(client, "/api/v1/overview/placements-table?year=2025&format=csv&headers=codes", district, "vacancy")),
            ("xlsx", await XlsxCellAsync(client, "/api/v1/overview/placements-table?year=2025&format=xlsx&headers=codes", district, "vacancy")),
        };
        Assert.True(vacancies.Select(r => r.Value).Distinct().Count() == 1, string.Join("; ", vacancies.Select(r => $"{r.Route}: {r.Value}")));

        // People covered in the district: the overview's table, the comparison, the map, the district's card and a breakdown's total.
        var people = new List<(string Route, long? Value)>
        {
            ("overview page", row.QuerySelector("td[data-column='people_covered']")!.ShownValueOf()),
            ("districts comparison api", await CellAsync(client, "/api/v1/districts/districts-comparison?lang=en", district, "people_covered")),
            ("map api", await CellAsync(client, "/api/v1/map/map-table?lang=en", district, "people_covered")),
            ("district page card", page.Indicator("people_covered").ShownValueOf()),
            ("district by-sex table, total row", await TotalAsync(client, $"/api/v1/districts/{district}/district-{district}-by-sex-table?lang=en", 1)),
        };
        Assert.True(people.Select(r => r.Value).Distinct().Count() == 1, string.Join("; ", people.Select(r => $"{r.Route}: {r.Value}")));
    }

    [Fact]
    public async Task Asking_again_or_with_an_equivalent_filter_gives_the_same_figures_and_staff_see_the_exact_ones()
    {
        const string url = "/api/v1/overview/overview-by-month-table?year=2025&lang=en";

        var first = Rows(await fixture.App.CreatePlainClient().GetStringAsync(url));
        Assert.Equal(first, Rows(await fixture.App.CreatePlainClient().GetStringAsync(url)));
        Assert.Equal(first, Rows(await fixture.App.CreatePlainClient().GetStringAsync("/api/v1/overview/overview-by-month-table?from=2025-01&to=2025-12&lang=en")));
        Assert.Equal(first, Rows(await fixture.App.CreatePlainClient().GetStringAsync("/api/v1/overview/overview-by-month-table?lang=en")));

        var staff = await (await fixture.StaffClientAsync()).GetStringAsync(url);
        using var document = JsonDocument.Parse(staff);
        Assert.Equal("staff", document.RootElement.GetProperty("audience").GetString());
        Assert.NotEqual(first, Rows(staff));
    }

    private static string Rows(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("rows").GetRawText();
    }

    /// <summary>A cell of an English CSV of the table (headers as codes), its row found by the district's English name.</summary>
    private async Task<long?> CellAsync(HttpClient client, string url, string district, string column) =>
        await CsvCellAsync(client, url.Replace("lang=en", "format=csv&headers=codes", StringComparison.Ordinal), district, column);

    private async Task<long?> CsvCellAsync(HttpClient client, string url, string district, string column)
    {
        var csv = Csv.Parse((await client.GetStringAsync(url + "&lang=en")).TrimStart('\uFEFF'));
        return Value(csv, await EnglishNameAsync(district), column);
    }

    private async Task<long?> XlsxCellAsync(HttpClient client, string url, string district, string column)
    {
        await using var stream = new MemoryStream(await client.GetByteArrayAsync(url + "&lang=en"));
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false);
        var sheet = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>()
            .Select(r => r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.DataType?.Value == DocumentFormat.OpenXml.Spreadsheet.CellValues.InlineString ? c.InlineString!.Text!.Text : c.CellValue?.Text ?? string.Empty).ToArray())
            .ToList();
        return Value(rows, await EnglishNameAsync(district), column);
    }

    private static long? Value(List<string[]> rows, string name, string column)
    {
        var text = rows.Skip(1).Single(r => r[0] == name)[Array.IndexOf(rows[0], column)];
        return text.Length == 0 ? null : long.Parse(text, CultureInfo.InvariantCulture);
    }

    private static async Task<long?> TotalAsync(HttpClient client, string url, int column)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync(url));
        var total = json.RootElement.GetProperty("rows").EnumerateArray().Last().EnumerateArray().Skip(1).ElementAt(column).GetProperty("value");
        return total.ValueKind == JsonValueKind.Number ? total.GetInt64() : null;
    }

    private async Task<string> EnglishNameAsync(string district)
    {
        await using var db = fixture.Database.CreateContext();
        return await db.Districts.Where(d => d.Code == district).Select(d => d.Name.En).SingleAsync();
    }
}
