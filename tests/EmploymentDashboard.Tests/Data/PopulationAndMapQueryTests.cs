using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Data;

/// <summary>
/// The population and map queries against records the test inserts, with expected values computed here
/// from the same records in memory.
/// </summary>
public sealed class PopulationAndMapQueryTests : IAsyncLifetime
{
    private readonly List<(string District, int Year, int People, int WorkingAge, int Employed)> _population = [];
    private readonly List<(Guid Person, string District, DateOnly Date, bool IsGrant)> _events = [];
    private readonly List<(string District, int Year, int PlacesSet, QuotaStatus Status)> _quotas = [];
    private TestDatabase _database = null!;
    private RegionSummary _region = null!;
    private Dictionary<string, int> _districtIds = [];

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.CreateContext();
        var region = new Region { Code = "test", Name = new LocalizedName("Тест", "Тест", "Test") };
        var districts = new[]
        {
            new District { Region = region, Code = "north", Name = new LocalizedName("Север", "Солтүстік", "North"), Latitude = 50.5, Longitude = 72.0, ValidFrom = new DateOnly(2000, 1, 1), SortOrder = 1 },
            new District { Region = region, Code = "south", Name = new LocalizedName("Юг", "Оңтүстік", "South"), Latitude = 47.0, Longitude = 74.0, ValidFrom = new DateOnly(2000, 1, 1), SortOrder = 2 },
            new District { Region = region, Code = "east", Name = new LocalizedName("Восток", "Шығыс", "East"), Latitude = 49.0, Longitude = 75.5, ValidFrom = new DateOnly(2000, 1, 1), SortOrder = 3 },
        };
        var vacancy = new SupportMeasure { Code = MeasureCodes.Vacancy, Name = new LocalizedName("В", "В", "V"), Kind = MeasureKind.Placement, SortOrder = 1 };
        var grant = new SupportMeasure { Code = MeasureCodes.BusinessGrant, Name = new LocalizedName("Г", "Г", "G"), Kind = MeasureKind.Grant, SortOrder = 2 };
        db.AddRange(region, vacancy, grant);
        db.AddRange(districts);

        var random = new Random(11);
        foreach (var district in districts)
        {
            foreach (var year in new[] { 2023, 2024, 2025 })
            {
                var people = random.Next(1000, 20000);
                var workingAge = people / 2 + random.Next(100);
                var employed = workingAge * random.Next(20, 50) / 100;
                db.DisabilityPopulations.Add(new DisabilityPopulation { District = district, Year = year, PeopleWithDisabilities = people, WorkingAge = workingAge, Employed = employed });
                _population.Add((district.Code, year, people, workingAge, employed));
            }

            for (var e = 0; e < 3; e++)
            {
                var employer = new Employer { Bin = $"{random.Next(100000, 999999)}{random.Next(100000, 999999)}", Name = "E", District = district, Headcount = 100 };
                db.Employers.Add(employer);
                foreach (var year in new[] { 2024, 2025 })
                {
                    var status = random.Next(4) == 0 ? QuotaStatus.ApplicationPending : QuotaStatus.InForce;
                    var set = random.Next(1, 6);
                    db.EmployerQuotas.Add(new EmployerQuota { Employer = employer, Year = year, PlacesSet = set, PlacesFilled = random.Next(set + 1), Status = status });
                    _quotas.Add((district.Code, year, set, status));
                }
            }
        }

        for (var i = 0; i < 60; i++)
        {
            var district = districts[i % districts.Length];
            var person = new Participant { Id = Guid.NewGuid(), District = district, DisabilityGroup = DisabilityGroup.II, Sex = Sex.Male, BirthYear = 1980 };
            db.Participants.Add(person);
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                var date = new DateOnly(2024 + random.Next(2), random.Next(1, 13), random.Next(1, 29));
                var isGrant = random.Next(4) == 0;
                if (isGrant)
                {
                    db.Grants.Add(new Grant { Participant = person, District = district, AmountKzt = 1_000_000, MciKzt = 3932, Sector = BusinessSector.Crafts, Date = date });
                }
                else
                {
                    db.Placements.Add(new Placement { Participant = person, Measure = vacancy, District = district, Date = date });
                }

                _events.Add((person.Id, district.Code, date, isGrant));
            }
        }

        await db.SaveChangesAsync();
        _region = new RegionSummary(region.Id, region.Code, region.Name);
        _districtIds = districts.ToDictionary(d => d.Code, d => d.Id);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private DashboardFilter For(int fromYear, int toYear) => new() { Region = _region, Period = new ReportingPeriod(new DateOnly(fromYear, 1, 1), new DateOnly(toYear, 12, 31)) };

    [Fact]
    public async Task Population_by_district_and_year_matches_the_records()
    {
        await using var db = _database.CreateContext();

        var result = await db.GetPopulationByDistrictAsync(For(2024, 2025));

        Assert.Equal([2024, 2025], result.Years);
        Assert.Equal(["north", "south", "east"], result.Districts.Select(d => d.District.Code));
        foreach (var row in result.Districts)
        {
            for (var y = 0; y < result.Years.Count; y++)
            {
                var expected = _population.Single(p => p.District == row.District.Code && p.Year == result.Years[y]);
                Assert.Equal(expected.People, row.ByYear[y].PeopleWithDisabilities);
                Assert.Equal(expected.WorkingAge, row.ByYear[y].WorkingAge);
                Assert.Equal(expected.Employed, row.ByYear[y].Employed);
                Assert.Equal(Math.Round(100m * expected.Employed / expected.WorkingAge, 1), row.ByYear[y].EmploymentRatePercent);
            }
        }

        for (var y = 0; y < result.Years.Count; y++)
        {
            var year = _population.Where(p => p.Year == result.Years[y]).ToList();
            Assert.Equal(year.Sum(p => p.People), result.Totals[y].PeopleWithDisabilities);
            Assert.Equal(year.Sum(p => p.WorkingAge), result.Totals[y].WorkingAge);
            Assert.Equal(year.Sum(p => p.Employed), result.Totals[y].Employed);
        }
    }

    [Fact]
    public async Task Population_follows_the_selected_districts_and_lists_only_years_with_figures()
    {
        await using var db = _database.CreateContext();

        var result = await db.GetPopulationByDistrictAsync(For(2025, 2026) with { DistrictIds = [_districtIds["south"]] });

        Assert.Equal([2025], result.Years);
        var south = Assert.Single(result.Districts);
        Assert.Equal("south", south.District.Code);
        Assert.Equal(_population.Single(p => p.District == "south" && p.Year == 2025).People, result.Totals[0].PeopleWithDisabilities);
    }

    [Theory]
    [InlineData(2025, 2025)]
    [InlineData(2024, 2025)]
    public async Task Map_figures_per_district_match_the_records(int fromYear, int toYear)
    {
        await using var db = _database.CreateContext();

        var map = await db.GetDistrictMapAsync(For(fromYear, toYear));

        var events = _events.Where(e => e.Date.Year >= fromYear && e.Date.Year <= toYear).ToList();
        Assert.Equal(toYear, map.PopulationYear);
        Assert.Equal(events.Count, map.TotalEvents);
        Assert.Equal(events.Select(e => e.Person).Distinct().Count(), map.TotalPeopleCovered);
        foreach (var row in map.Districts)
        {
            var mine = events.Where(e => e.District == row.District.Code).ToList();
            Assert.Equal(mine.Select(e => e.Person).Distinct().Count(), row.PeopleCovered);
            Assert.Equal(mine.Count, row.Events);
            Assert.Equal(mine.Count(e => e.IsGrant), row.Grants);
            Assert.Equal(
                _quotas.Where(q => q.District == row.District.Code && q.Status == QuotaStatus.InForce && q.Year >= fromYear && q.Year <= toYear).Sum(q => q.PlacesSet),
                row.QuotaPlacesSet);
            Assert.Equal(_population.Single(p => p.District == row.District.Code && p.Year == toYear).People, row.PeopleWithDisabilities);
        }
    }

    [Fact]
    public async Task People_covered_per_1000_people_with_disabilities_is_computed_from_the_records()
    {
        await using var db = _database.CreateContext();

        var map = await db.GetDistrictMapAsync(For(2025, 2025));

        foreach (var row in map.Districts)
        {
            var people = _events.Where(e => e.Date.Year == 2025 && e.District == row.District.Code).Select(e => e.Person).Distinct().Count();
            var population = _population.Single(p => p.District == row.District.Code && p.Year == 2025).People;
            var expected = Math.Round(1000m * people / population, 1);
            Assert.Equal(expected, ExactRate.Of(row.PeopleCovered, row.PeopleWithDisabilities, 1, 1000m).Value);
            Assert.Equal(expected, DisclosurePolicy.Default.Rate(DisclosedValue.Shown(row.PeopleCovered), DisclosedValue.Shown(row.PeopleWithDisabilities), 1, 1000m).Value);
        }
    }

    [Fact]
    public async Task An_exact_rate_without_a_base_is_withheld()
    {
        await using var db = _database.CreateContext();
        var map = await db.GetDistrictMapAsync(For(2022, 2022));

        Assert.Null(map.PopulationYear);
        Assert.All(map.Districts, d => Assert.Equal(0, d.PeopleWithDisabilities));
        Assert.True(ExactRate.Of(0, 0, 1, 1000m).IsSuppressed);
    }
}
