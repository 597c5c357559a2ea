using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Data;

/// <summary>
/// Quota queries against employers, quotas and special workplaces the test inserts itself, with the expected
/// values computed here from the same records in memory.
/// </summary>
public sealed class QuotaQueryTests : IAsyncLifetime
{
    private readonly List<(string Bin, string District, int Year, int Set, int Filled, QuotaStatus Status)> _quotas = [];
    private readonly List<(string Bin, string District, int Year, ImpairmentType Type, int Count)> _workplaces = [];
    private TestDatabase _database = null!;
    private RegionSummary _region = null!;
    private int _northId;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.CreateContext();
        var region = new Region { Code = "test", Name = new LocalizedName("Тест", "Тест", "Test") };
        var north = new District { Region = region, Code = "north", Name = new LocalizedName("Север", "Солтүстік", "North"), Population = 1000, ValidFrom = new DateOnly(2000, 1, 1), SortOrder = 1 };
        var south = new District { Region = region, Code = "south", Name = new LocalizedName("Юг", "Оңтүстік", "South"), Population = 3000, ValidFrom = new DateOnly(2000, 1, 1), SortOrder = 2 };
        db.AddRange(region, north, south);

        var random = new Random(11);
        var districts = new[] { north, south };
        for (var i = 0; i < 30; i++)
        {
            var district = districts[i % 2];
            var employer = new Employer { Bin = $"{100000000000 + i}", Name = $"Employer {i:D2}", District = district, Headcount = 50 + random.Next(500) };
            db.Employers.Add(employer);
            foreach (var year in new[] { 2024, 2025 })
            {
                if (random.Next(4) == 0)
                {
                    continue;
                }

                var status = random.Next(8) == 0 ? QuotaStatus.ApplicationPending : QuotaStatus.InForce;
                var set = random.Next(1, 9);
                var filled = status == QuotaStatus.InForce ? random.Next(0, set + 1) : 0;
                db.EmployerQuotas.Add(new EmployerQuota { Employer = employer, Year = year, PlacesSet = set, PlacesFilled = filled, Status = status });
                _quotas.Add((employer.Bin, district.Code, year, set, filled, status));
                if (random.Next(3) == 0)
                {
                    var type = (ImpairmentType)random.Next(3);
                    var count = random.Next(1, 4);
                    db.SpecialWorkplaces.Add(new SpecialWorkplace { Employer = employer, Year = year, ImpairmentType = type, Count = count });
                    _workplaces.Add((employer.Bin, district.Code, year, type, count));
                }
            }
        }

        await db.SaveChangesAsync();
        _region = new RegionSummary(region.Id, region.Code, region.Name);
        _northId = north.Id;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData(2024, 1, 2024, 12)]
    [InlineData(2025, 1, 2025, 12)]
    [InlineData(2024, 7, 2025, 3)]
    public async Task Quota_cells_match_the_records_for_the_years_the_period_touches(int fromYear, int fromMonth, int toYear, int toMonth)
    {
        var period = new ReportingPeriod(new DateOnly(fromYear, fromMonth, 1), new DateOnly(toYear, toMonth, 1).AddMonths(1).AddDays(-1));
        await using var db = _database.CreateContext();

        var report = await db.GetQuotaReportAsync(new DashboardFilter { Region = _region, Period = period });

        Assert.Equal(Enumerable.Range(fromYear, toYear - fromYear + 1), report.Years);
        Assert.Equal(["north", "south"], report.Districts.Select(d => d.Code));
        foreach (var district in new[] { "north", "south" })
        {
            foreach (var year in report.Years)
            {
                var inForce = _quotas.Where(q => q.District == district && q.Year == year && q.Status == QuotaStatus.InForce).ToList();
                var cell = report.Cell(district, year);
                Assert.Equal(inForce.Count, cell.Employers);
                Assert.Equal(inForce.Sum(q => q.Set), cell.PlacesSet);
                Assert.Equal(inForce.Sum(q => q.Filled), cell.PlacesFilled);
                // The key sum of the filled places (ADR 0010): each place's key derived from its quota row's random key.
                Assert.Equal(
                    await _database.ScalarAsync(
                        "SELECT coalesce(sum(('x' || left(md5(q.record_key::text || ':' || i::text), 8))::bit(32)::bigint), 0) "
                        + "FROM employer_quotas q JOIN employers e ON e.id = q.employer_id JOIN districts d ON d.id = e.district_id, generate_series(1, q.places_filled) i "
                        + $"WHERE d.code = '{district}' AND q.year = {year} AND q.status = 'InForce'"),
                    cell.FilledKeySum);
            }
        }

        var pending = _quotas.Where(q => q.Status == QuotaStatus.ApplicationPending && report.Years.Contains(q.Year)).ToList();
        Assert.Equal(pending.Count, report.Pending.Sum(p => p.Applications));
        Assert.Equal(pending.Sum(q => q.Set), report.Pending.Sum(p => p.Places));
        foreach (var row in report.Pending)
        {
            Assert.Equal(pending.Count(q => q.District == row.District.Code && q.Year == row.Year), row.Applications);
        }

        foreach (var type in Enum.GetValues<ImpairmentType>())
        {
            foreach (var year in report.Years)
            {
                var expected = _workplaces.Where(w => w.Type == type && w.Year == year).ToList();
                var cell = report.Workplaces(type, year);
                Assert.Equal(expected.Sum(w => w.Count), cell.Workplaces);
            }
        }
    }

    [Fact]
    public async Task A_district_filter_keeps_only_its_districts()
    {
        await using var db = _database.CreateContext();

        var report = await db.GetQuotaReportAsync(new DashboardFilter { Region = _region, Period = ReportingPeriod.ForYear(2025), DistrictIds = [_northId] });

        Assert.Equal(["north"], report.Districts.Select(d => d.Code));
        Assert.All(report.Cells, c => Assert.Equal("north", c.DistrictCode));
        var expected = _workplaces.Where(w => w.District == "north" && w.Year == 2025).Sum(w => w.Count);
        Assert.Equal(expected, report.SpecialWorkplaces.Sum(w => w.Workplaces));
    }

    [Theory]
    [InlineData(EmployerQuotaOrder.Behind)]
    [InlineData(EmployerQuotaOrder.Name)]
    [InlineData(EmployerQuotaOrder.District)]
    [InlineData(EmployerQuotaOrder.Fulfilment)]
    public async Task The_employer_list_sums_the_period_and_keeps_the_order_asked(EmployerQuotaOrder order)
    {
        await using var db = _database.CreateContext();
        var period = new ReportingPeriod(new DateOnly(2024, 1, 1), new DateOnly(2025, 12, 31));

        var rows = await db.GetEmployerQuotasAsync(new DashboardFilter { Region = _region, Period = period }, order);

        var expected = _quotas.Where(q => q.Status == QuotaStatus.InForce)
            .GroupBy(q => (q.Bin, q.District))
            .Select(g => (g.Key.Bin, g.Key.District, Set: g.Sum(q => q.Set), Filled: g.Sum(q => q.Filled)))
            .ToList();
        Assert.Equal(expected.Count, rows.Count);
        foreach (var (bin, district, set, filled) in expected)
        {
            var row = Assert.Single(rows, r => r.Bin == bin);
            Assert.Equal(district, row.District.Code);
            Assert.Equal(set, row.PlacesSet);
            Assert.Equal(filled, row.PlacesFilled);
        }

        var sorted = order switch
        {
            // Names ("Employer 00", ...) follow the BINs here, so ordering by BIN is ordering by name.
            EmployerQuotaOrder.Name => expected.OrderBy(e => e.Bin, StringComparer.Ordinal),
            EmployerQuotaOrder.District => expected.OrderBy(e => e.District, StringComparer.Ordinal).ThenBy(e => e.Bin, StringComparer.Ordinal),
            EmployerQuotaOrder.Fulfilment => expected.OrderBy(e => (decimal)e.Filled / e.Set).ThenByDescending(e => e.Set - e.Filled).ThenBy(e => e.Bin, StringComparer.Ordinal),
            _ => expected.OrderByDescending(e => e.Set - e.Filled).ThenBy(e => (decimal)e.Filled / e.Set).ThenBy(e => e.Bin, StringComparer.Ordinal),
        };
        Assert.Equal(sorted.Select(e => e.Bin), rows.Select(r => r.Bin));
    }

    [Theory]
    [InlineData(2025, 2025, EmployerQuotaOrder.Behind, true, false)]
    [InlineData(2025, 2025, EmployerQuotaOrder.Behind, false, false)]
    [InlineData(2025, 2025, EmployerQuotaOrder.Name, true, true)]
    [InlineData(2025, 2025, EmployerQuotaOrder.Name, false, false)]
    [InlineData(2024, 2024, EmployerQuotaOrder.District, true, false)]
    [InlineData(2024, 2024, EmployerQuotaOrder.District, false, false)]
    [InlineData(2024, 2024, EmployerQuotaOrder.Fulfilment, true, false)]
    [InlineData(2025, 2025, EmployerQuotaOrder.Fulfilment, false, true)]
    [InlineData(2024, 2025, EmployerQuotaOrder.Behind, true, false)]
    [InlineData(2024, 2025, EmployerQuotaOrder.Fulfilment, false, false)]
    [InlineData(2024, 2025, EmployerQuotaOrder.District, true, true)]
    public async Task The_pages_of_the_employer_list_hold_each_employer_once_in_the_order_asked_with_the_total(int fromYear, int toYear, EmployerQuotaOrder order, bool onlyUnfilled, bool onlyNorth)
    {
        var filter = new DashboardFilter { Region = _region, Period = new ReportingPeriod(new DateOnly(fromYear, 1, 1), new DateOnly(toYear, 12, 31)), DistrictIds = onlyNorth ? [_northId] : [] };
        var expected = _quotas.Where(q => q.Status == QuotaStatus.InForce && q.Year >= fromYear && q.Year <= toYear && (!onlyNorth || q.District == "north"))
            .GroupBy(q => (q.Bin, q.District))
            .Select(g => (g.Key.Bin, g.Key.District, Set: g.Sum(q => q.Set), Filled: g.Sum(q => q.Filled)))
            .Where(e => !onlyUnfilled || e.Filled < e.Set)
            .ToList();
        var sorted = order switch
        {
            EmployerQuotaOrder.Name => expected.OrderBy(e => e.Bin, StringComparer.Ordinal),
            EmployerQuotaOrder.District => expected.OrderBy(e => e.District, StringComparer.Ordinal).ThenBy(e => e.Bin, StringComparer.Ordinal),
            EmployerQuotaOrder.Fulfilment => expected.OrderBy(e => (decimal)e.Filled / e.Set).ThenByDescending(e => e.Set - e.Filled).ThenBy(e => e.Bin, StringComparer.Ordinal),
            _ => expected.OrderByDescending(e => e.Set - e.Filled).ThenBy(e => (decimal)e.Filled / e.Set).ThenBy(e => e.Bin, StringComparer.Ordinal),
        };

        // Pages of 4, one past the last: every employer once, in order, with its district and places.
        await using var db = _database.CreateContext();
        var rows = new List<EmployerQuotaRow>();
        var pages = (expected.Count + 3) / 4;
        for (var page = 1; page <= pages + 1; page++)
        {
            var result = await db.GetEmployerQuotaPageAsync(filter, order, onlyUnfilled, page, 4);
            Assert.Equal(expected.Count, result.Total);
            Assert.Equal(page > pages ? 0 : Math.Min(4, expected.Count - ((page - 1) * 4)), result.Rows.Count);
            rows.AddRange(result.Rows);
        }

        Assert.True(expected.Count > 4, "the test data should fill more than one page");
        Assert.Equal(sorted.Select(e => (e.Bin, e.District, e.Set, e.Filled)), rows.Select(r => (r.Bin, r.District.Code, r.PlacesSet, r.PlacesFilled)));
    }
}
