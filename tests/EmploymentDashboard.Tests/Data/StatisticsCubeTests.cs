using System.Data.Common;
using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Tests.Infrastructure;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EmploymentDashboard.Tests.Data;

/// <summary>
/// The statistics cube (ADR 0011) from the reader's side: which filters it holds, that its answers equal those of
/// the person-years for every dimension, and that a page's read-only context reads a shared statistic once while a
/// context that writes always reads again. That the cube equals the base tables after every kind of write is in
/// <see cref="RollupTests"/> (its <c>Differences</c> include stat_cells).
/// </summary>
public sealed class StatisticsCubeTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private RegionSummary _region = null!;
    private int _north;
    private int _south;
    private int _vacancy;
    private int _works;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.CreateContext();
        var region = new Region { Code = "cube", Name = new LocalizedName("К", "К", "C") };
        var north = new District { Region = region, Code = "north", Name = new LocalizedName("С", "С", "N"), ValidFrom = new DateOnly(2000, 1, 1), SortOrder = 1 };
        var south = new District { Region = region, Code = "south", Name = new LocalizedName("Ю", "О", "S"), ValidFrom = new DateOnly(2000, 1, 1), SortOrder = 2 };
        var vacancy = new SupportMeasure { Code = MeasureCodes.Vacancy, Name = new LocalizedName("В", "В", "V"), Kind = MeasureKind.Placement, SortOrder = 1 };
        var works = new SupportMeasure { Code = MeasureCodes.PublicWorks, Name = new LocalizedName("О", "Қ", "P"), Kind = MeasureKind.SubsidisedJob, SortOrder = 2 };
        var grant = new SupportMeasure { Code = MeasureCodes.BusinessGrant, Name = new LocalizedName("Г", "Г", "G"), Kind = MeasureKind.Grant, SortOrder = 3 };
        db.AddRange(region, north, south, vacancy, works, grant);
        var random = new Random(11);
        var people = Enumerable.Range(0, 120).Select(i => new Participant
        {
            Id = Guid.NewGuid(),
            District = i % 2 == 0 ? north : south,
            DisabilityGroup = (DisabilityGroup)(1 + (i % 3)),
            Sex = i % 3 == 0 ? Sex.Female : Sex.Male,
            BirthYear = 1960 + random.Next(45),
        }).ToList();
        db.Participants.AddRange(people);
        foreach (var person in people)
        {
            // Several events a person, in both districts, under both measures and grants, across 2024–2025:
            // the people of a cell are not the sum of the people of its parts.
            for (var n = random.Next(1, 6); n > 0; n--)
            {
                var date = new DateOnly(2024 + random.Next(2), random.Next(1, 13), random.Next(1, 29));
                var district = random.Next(4) == 0 ? (person.District == north ? south : north) : person.District!;
                if (random.Next(6) == 0)
                {
                    db.Grants.Add(new Grant { Participant = person, District = district, AmountKzt = 1_000_000, MciKzt = 3932, Sector = BusinessSector.Crafts, Date = date });
                }
                else
                {
                    db.Placements.Add(new Placement { Participant = person, Measure = random.Next(2) == 0 ? vacancy : works, District = district, Date = date });
                }
            }
        }

        await db.SaveChangesAsync();
        _region = new RegionSummary(region.Id, region.Code, region.Name);
        (_north, _south, _vacancy, _works) = (north.Id, south.Id, vacancy.Id, works.Id);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData("2025-01", "2025-12", true)]
    [InlineData("2025-04", "2025-06", true)]
    [InlineData("2025-11", "2025-11", true)]
    [InlineData("2025-01", "2025-06", false)]
    [InlineData("2024-10", "2025-03", false)]
    [InlineData("2024-01", "2025-12", false)]
    public void The_cube_holds_a_year_a_quarter_or_a_month_of_one_year(string from, string to, bool held)
    {
        var filter = Filter(from, to);
        Assert.Equal(held, CubeQueries.TryPeriod(filter, out _, out _));
        Assert.Equal(held, CubeQueries.TryPeriod(filter with { DistrictIds = [_north], MeasureIds = [_works] }, out _, out _));
        Assert.False(CubeQueries.TryPeriod(filter with { DistrictIds = [_north, _south] }, out _, out _), "two districts are not in the cube");
        Assert.False(CubeQueries.TryPeriod(filter with { MeasureIds = [_vacancy, _works] }, out _, out _), "two measures are not in the cube");
    }

    public static TheoryData<string, string, string> Views => new()
    {
        { "2025-01", "2025-12", string.Empty },
        { "2025-07", "2025-09", "district" },
        { "2025-03", "2025-03", "measure" },
        { "2024-01", "2024-12", "district,measure" },
        { "2025-10", "2025-12", "groups" },
        { "2025-01", "2025-12", "district,sex,age" },
    };

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Every_breakdown_from_the_cube_equals_the_same_breakdown_from_the_person_years(string from, string to, string selection)
    {
        var filter = Filter(from, to) with
        {
            DistrictIds = selection.Contains("district", StringComparison.Ordinal) ? [_south] : [],
            MeasureIds = selection.Contains("measure", StringComparison.Ordinal) ? [_works] : [],
            Groups = selection.Contains("groups", StringComparison.Ordinal) ? [DisabilityGroup.I, DisabilityGroup.III] : [],
            Sexes = selection.Contains("sex", StringComparison.Ordinal) ? [Sex.Male] : [],
            AgeBands = selection.Contains("age", StringComparison.Ordinal) ? [AgeBand.From30To39, AgeBand.From40To49, AgeBand.From50To59] : [],
        };
        Assert.True(CubeQueries.TryPeriod(filter, out _, out _));

        await using var db = _database.CreateContext();
        foreach (var dimension in Enum.GetValues<Dimension>())
        {
            var fromCube = await db.GetBreakdownAsync(filter, dimension);
            var fromPersonYears = await PersonYearBreakdownAsync(db, filter, dimension);
            Assert.Equal(fromPersonYears.KeyedTotalEvents, fromCube.KeyedTotalEvents);
            Assert.Equal(fromPersonYears.KeyedTotalPeople, fromCube.KeyedTotalPeople);
            Assert.Equal(fromPersonYears.Rows, fromCube.Rows);
            Assert.True(fromCube.TotalPeople > 0, $"{dimension}: the view should select someone");
        }

        Assert.Equal(
            (await db.GetBreakdownAsync(filter, Dimension.Month)).KeyedTotalPeople,
            await db.CountPeopleCoveredAsync(filter));
    }

    [Fact]
    public async Task A_pages_read_only_context_reads_a_shared_statistic_once_and_a_writing_context_always_reads_again()
    {
        var filter = Filter("2025-01", "2025-12");
        var reads = new CommandCounter();
        var builder = new DbContextOptionsBuilder<DashboardDbContext>();
        builder.UseDashboardDatabase(_database.ConnectionString).AddInterceptors(reads);
        var options = builder.Options;

        await using (var page = new DashboardReadDbContext(options))
        {
            var first = await page.GetBreakdownAsync(filter, Dimension.Sex);
            var afterFirst = reads.Count;
            Assert.Same(first, await page.GetBreakdownAsync(filter with { Groups = [] }, Dimension.Sex));
            Assert.Equal(first.KeyedTotalPeople, await page.CountPeopleCoveredAsync(filter));
            Assert.Equal(afterFirst, reads.Count);

            // A different filter or dimension is read.
            await page.GetBreakdownAsync(filter with { DistrictIds = [_north] }, Dimension.Sex);
            Assert.True(reads.Count > afterFirst);
        }

        // A context that writes sees its own writes: nothing is remembered.
        await using var writer = new DashboardDbContext(options);
        var before = await writer.CountPeopleCoveredAsync(filter);
        var newcomer = new Participant { Id = Guid.NewGuid(), DistrictId = _north, DisabilityGroup = DisabilityGroup.II, Sex = Sex.Female, BirthYear = 1990 };
        writer.Participants.Add(newcomer);
        writer.Placements.Add(new Placement { ParticipantId = newcomer.Id, MeasureId = _vacancy, DistrictId = _north, Date = new DateOnly(2025, 5, 5) });
        await writer.SaveChangesAsync();
        Assert.Equal(before.Count + 1, (await writer.CountPeopleCoveredAsync(filter)).Count);

        // And the next page (a new read-only context) sees them too.
        await using var next = new DashboardReadDbContext(options);
        Assert.Equal(before.Count + 1, (await next.CountPeopleCoveredAsync(filter)).Count);
    }

    [Fact]
    public async Task A_page_comparing_two_years_reads_the_districts_measures_quota_cells_and_population_once_and_the_grants_once_a_year()
    {
        var reads = new CommandCounter();
        var builder = new DbContextOptionsBuilder<DashboardDbContext>();
        builder.UseDashboardDatabase(_database.ConnectionString).AddInterceptors(reads);

        await using (var page = new DashboardReadDbContext(builder.Options))
        {
            foreach (var filter in new[] { Filter("2025-01", "2025-12"), Filter("2024-01", "2024-12") })
            {
                await page.GetRegionOverviewAsync(_region, filter.Period);
                await page.GetQuotaReportAsync(filter);
                await page.GetPopulationByDistrictAsync(filter);
                await page.GetDistrictMapAsync(filter);
                await page.GetDistrictCoverageAsync(filter);
                await page.GetGrantBreakdownsAsync(filter);
                await page.GetMeasuresAsync();
            }
        }

        // The table each statement reads first (its FROM): the grant rollup once for each year, the rest once in all.
        var byTable = reads.Statements
            .Select(sql => System.Text.RegularExpressions.Regex.Match(sql, @"\bFROM\s+(\w+)").Groups[1].Value)
            .GroupBy(table => table)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, byTable.GetValueOrDefault("districts"));
        Assert.Equal(1, byTable.GetValueOrDefault("support_measures"));
        Assert.Equal(1, byTable.GetValueOrDefault("quota_cells"));
        Assert.Equal(1, byTable.GetValueOrDefault("special_workplace_cells"));
        Assert.Equal(1, byTable.GetValueOrDefault("disability_populations"));
        Assert.Equal(2, byTable.GetValueOrDefault("grant_sector_months"));
        Assert.Equal(0, byTable.GetValueOrDefault("grant_months"));
    }

    private DashboardFilter Filter(string from, string to) => new()
    {
        Region = _region,
        Period = new ReportingPeriod(
            DateOnly.ParseExact(from + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.ParseExact(to + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddMonths(1).AddDays(-1)),
    };

    /// <summary>
    /// The breakdown as the person-years give it: the same filter with its district and measure selections written
    /// twice over (a list of two equal ids), which the cube does not hold, so the count(DISTINCT) path answers.
    /// </summary>
    private static async Task<Breakdown> PersonYearBreakdownAsync(DashboardDbContext db, DashboardFilter filter, Dimension dimension)
    {
        var outside = filter.DistrictIds.Count > 0
            ? filter with { DistrictIds = [filter.DistrictIds[0], -1] }
            : filter with { MeasureIds = filter.MeasureIds.Count > 0 ? [filter.MeasureIds[0], -1] : [.. await db.SupportMeasures.Select(m => m.Id).ToListAsync()] };
        Assert.False(CubeQueries.TryPeriod(outside, out _, out _));
        return await db.GetBreakdownAsync(outside, dimension);
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        private readonly List<string> _statements = [];

        public int Count => _statements.Count;

        public IReadOnlyList<string> Statements => _statements;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _statements.Add(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            _statements.Add(command.CommandText);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
