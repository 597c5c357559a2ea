using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Tests.Data;

/// <summary>
/// Breakdown queries against a small data set inserted by the test, with the expected values computed
/// here from the same records in memory (not by calling the queries again).
/// </summary>
public sealed class BreakdownQueryTests : IAsyncLifetime
{
    private readonly List<(Guid Person, string Measure, string District, DateOnly Date, DisabilityGroup Group, Sex Sex, int BirthYear)> _events = [];
    private TestDatabase _database = null!;
    private RegionSummary _region = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.CreateContext();
        var region = new Region { Code = "test", Name = new LocalizedName("Тест", "Тест", "Test") };
        var north = new District { Region = region, Code = "north", Name = new LocalizedName("Север", "Солтүстік", "North"), Population = 1000, ValidFrom = new DateOnly(2000, 1, 1), SortOrder = 1 };
        var south = new District { Region = region, Code = "south", Name = new LocalizedName("Юг", "Оңтүстік", "South"), Population = 3000, ValidFrom = new DateOnly(2000, 1, 1), SortOrder = 2 };
        var vacancy = new SupportMeasure { Code = MeasureCodes.Vacancy, Name = new LocalizedName("В", "В", "V"), Kind = MeasureKind.Placement, SortOrder = 1 };
        var works = new SupportMeasure { Code = MeasureCodes.PublicWorks, Name = new LocalizedName("О", "Қ", "P"), Kind = MeasureKind.SubsidisedJob, SortOrder = 2 };
        var grant = new SupportMeasure { Code = MeasureCodes.BusinessGrant, Name = new LocalizedName("Г", "Г", "G"), Kind = MeasureKind.Grant, SortOrder = 3 };
        db.AddRange(region, north, south, vacancy, works, grant);

        var random = new Random(5);
        var districts = new[] { north, south };
        var measures = new[] { vacancy, works };
        var people = Enumerable.Range(0, 40).Select(i => new Participant
        {
            Id = Guid.NewGuid(),
            District = districts[i % 2],
            DisabilityGroup = (DisabilityGroup)(1 + (i % 3)),
            Sex = i % 4 == 0 ? Sex.Female : Sex.Male,
            BirthYear = 1960 + random.Next(45),
        }).ToList();
        db.Participants.AddRange(people);
        foreach (var person in people)
        {
            // One to three events each, some in 2024, some in 2025.
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                var date = new DateOnly(2024 + random.Next(2), random.Next(1, 13), random.Next(1, 29));
                if (random.Next(5) == 0)
                {
                    db.Grants.Add(new Grant { Participant = person, District = person.District, AmountKzt = 1_000_000, MciKzt = 2500, Sector = BusinessSector.Trade, Date = date });
                    _events.Add((person.Id, grant.Code, person.District!.Code, date, person.DisabilityGroup, person.Sex, person.BirthYear));
                }
                else
                {
                    var measure = measures[random.Next(2)];
                    db.Placements.Add(new Placement { Participant = person, Measure = measure, District = person.District!, Date = date });
                    _events.Add((person.Id, measure.Code, person.District!.Code, date, person.DisabilityGroup, person.Sex, person.BirthYear));
                }
            }
        }

        await db.SaveChangesAsync();
        _region = new RegionSummary(region.Id, region.Code, region.Name);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private DashboardFilter Year2025 => new() { Region = _region, Period = ReportingPeriod.ForYear(2025) };

    private IEnumerable<(Guid Person, string Measure, string District, DateOnly Date, DisabilityGroup Group, Sex Sex, int BirthYear)> In2025 =>
        _events.Where(e => e.Date.Year == 2025);

    [Theory]
    [InlineData(Dimension.District)]
    [InlineData(Dimension.Measure)]
    [InlineData(Dimension.DisabilityGroup)]
    [InlineData(Dimension.Sex)]
    [InlineData(Dimension.AgeBand)]
    [InlineData(Dimension.Month)]
    public async Task Events_and_distinct_people_per_group_match_the_records(Dimension dimension)
    {
        await using var db = _database.CreateContext();

        var breakdown = await db.GetBreakdownAsync(Year2025, dimension);

        string KeyOf((Guid Person, string Measure, string District, DateOnly Date, DisabilityGroup Group, Sex Sex, int BirthYear) e) => dimension switch
        {
            Dimension.District => e.District,
            Dimension.Measure => e.Measure,
            Dimension.DisabilityGroup => ((int)e.Group).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Dimension.Sex => e.Sex.ToString().ToLowerInvariant(),
            Dimension.AgeBand => Ages.Code(Ages.Of(e.Date.Year - e.BirthYear)),
            _ => e.Date.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
        };

        foreach (var row in breakdown.Rows)
        {
            var matching = In2025.Where(e => KeyOf(e) == row.Code).ToList();
            Assert.Equal(matching.Count, row.Events);
            Assert.Equal(matching.Select(e => e.Person).Distinct().Count(), row.People);
        }

        Assert.Equal(In2025.Count(), breakdown.TotalEvents);
        Assert.Equal(In2025.Select(e => e.Person).Distinct().Count(), breakdown.TotalPeople);
        Assert.Equal(breakdown.TotalEvents, breakdown.Rows.Sum(r => r.Events));
        if (dimension == Dimension.Month)
        {
            Assert.Equal(12, breakdown.Rows.Count);
        }
    }

    [Fact]
    public async Task People_are_distinct_while_events_are_not()
    {
        await using var db = _database.CreateContext();

        var byMeasure = await db.GetBreakdownAsync(Year2025, Dimension.Measure);

        // Someone with a placement and a grant counts in two rows but once in the total.
        Assert.True(byMeasure.Rows.Sum(r => r.People) >= byMeasure.TotalPeople);
        Assert.True(byMeasure.TotalEvents > byMeasure.TotalPeople);
    }

    [Fact]
    public async Task Filters_restrict_every_dimension()
    {
        await using var db = _database.CreateContext();
        var south = await db.Districts.SingleAsync(d => d.Code == "south");
        var works = await db.SupportMeasures.SingleAsync(m => m.Code == MeasureCodes.PublicWorks);
        var filter = Year2025 with
        {
            DistrictIds = [south.Id],
            MeasureIds = [works.Id],
            Groups = [DisabilityGroup.II, DisabilityGroup.III],
            Sexes = [Sex.Male],
            AgeBands = [AgeBand.From40To49, AgeBand.From50To59],
            Period = new ReportingPeriod(new DateOnly(2025, 3, 1), new DateOnly(2025, 9, 30)),
        };

        var breakdown = await db.GetBreakdownAsync(filter, Dimension.District);

        var expected = _events.Where(e => e.District == "south" && e.Measure == MeasureCodes.PublicWorks && e.Group != DisabilityGroup.I && e.Sex == Sex.Male
            && e.Date >= new DateOnly(2025, 3, 1) && e.Date <= new DateOnly(2025, 9, 30) && e.Date.Year - e.BirthYear is >= 40 and <= 59).ToList();
        Assert.Equal(expected.Count, breakdown.TotalEvents);
        Assert.Equal(expected.Select(e => e.Person).Distinct().Count(), breakdown.TotalPeople);
        Assert.Equal(["south"], breakdown.Rows.Select(r => r.Code));
    }
}
