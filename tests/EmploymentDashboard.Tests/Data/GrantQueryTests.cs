using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Data;

/// <summary>
/// Grant breakdowns against grants the test inserts itself (amounts and MCI varying by year), with the expected
/// counts and sums computed here from the same records in memory.
/// </summary>
public sealed class GrantQueryTests : IAsyncLifetime
{
    private readonly List<(string District, BusinessSector Sector, DateOnly Date, decimal Kzt, int Mci, DisabilityGroup Group)> _grants = [];
    private TestDatabase _database = null!;
    private RegionSummary _region = null!;
    private int _southId;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.CreateContext();
        var region = new Region { Code = "test", Name = new LocalizedName("Тест", "Тест", "Test") };
        var north = new District { Region = region, Code = "north", Name = new LocalizedName("Север", "Солтүстік", "North"), Population = 1000, ValidFrom = new DateOnly(2000, 1, 1), SortOrder = 1 };
        var south = new District { Region = region, Code = "south", Name = new LocalizedName("Юг", "Оңтүстік", "South"), Population = 3000, ValidFrom = new DateOnly(2000, 1, 1), SortOrder = 2 };
        db.AddRange(region, north, south);

        var random = new Random(17);
        var districts = new[] { north, south };
        for (var i = 0; i < 60; i++)
        {
            var district = districts[random.Next(2)];
            var person = new Participant { Id = Guid.NewGuid(), District = district, DisabilityGroup = (DisabilityGroup)(1 + (i % 3)), Sex = Sex.Male, BirthYear = 1970 + (i % 30) };
            var date = new DateOnly(2024 + random.Next(2), random.Next(1, 13), random.Next(1, 29));
            var mci = date.Year == 2024 ? 3692 : 3932;
            var amount = (400 + random.Next(-50, 51)) * (decimal)mci;
            var sector = (BusinessSector)random.Next(6);
            db.Participants.Add(person);
            db.Grants.Add(new Grant { Participant = person, District = district, AmountKzt = amount, MciKzt = mci, Sector = sector, Date = date });
            _grants.Add((district.Code, sector, date, amount, mci, person.DisabilityGroup));
        }

        await db.SaveChangesAsync();
        _region = new RegionSummary(region.Id, region.Code, region.Name);
        _southId = south.Id;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Counts_and_amounts_by_district_sector_and_month_match_the_records()
    {
        var period = new ReportingPeriod(new DateOnly(2024, 6, 1), new DateOnly(2025, 5, 31));
        var inPeriod = _grants.Where(g => g.Date >= period.From && g.Date <= period.To).ToList();
        await using var db = _database.CreateContext();

        var grants = await db.GetGrantBreakdownsAsync(new DashboardFilter { Region = _region, Period = period });

        Assert.Equal(inPeriod.Count, grants.Total.Count);
        Assert.Equal(inPeriod.Sum(g => g.Kzt), grants.Total.AmountKzt);
        Assert.Equal(inPeriod.Sum(g => g.Kzt / g.Mci), grants.Total.AmountMci, 6);

        Assert.Equal(["north", "south"], grants.ByDistrict.Select(r => r.Code));
        foreach (var row in grants.ByDistrict)
        {
            var expected = inPeriod.Where(g => g.District == row.Code).ToList();
            Assert.Equal(expected.Count, row.Count);
            Assert.Equal(expected.Sum(g => g.Kzt), row.AmountKzt);
            Assert.Equal(expected.Sum(g => g.Kzt / g.Mci), row.AmountMci, 6);
        }

        Assert.Equal(Enum.GetValues<BusinessSector>().Select(s => s.ToString().ToLowerInvariant()), grants.BySector.Select(r => r.Code));
        foreach (var row in grants.BySector)
        {
            var expected = inPeriod.Where(g => g.Sector.ToString().ToLowerInvariant() == row.Code).ToList();
            Assert.Equal(expected.Count, row.Count);
            Assert.Equal(expected.Sum(g => g.Kzt), row.AmountKzt);
        }

        Assert.Equal(12, grants.ByMonth.Count);
        Assert.Equal("2024-06", grants.ByMonth[0].Code);
        foreach (var row in grants.ByMonth)
        {
            var expected = inPeriod.Where(g => g.Date.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) == row.Code).ToList();
            Assert.Equal(expected.Count, row.Count);
            Assert.Equal(expected.Sum(g => g.Kzt / g.Mci), row.AmountMci, 6);
        }
    }

    [Fact]
    public async Task District_and_group_filters_narrow_the_grants()
    {
        await using var db = _database.CreateContext();
        var filter = new DashboardFilter { Region = _region, Period = ReportingPeriod.ForYear(2025), DistrictIds = [_southId], Groups = [DisabilityGroup.II] };

        var grants = await db.GetGrantBreakdownsAsync(filter);

        var expected = _grants.Where(g => g.Date.Year == 2025 && g.District == "south" && g.Group == DisabilityGroup.II).ToList();
        Assert.Equal(expected.Count, grants.Total.Count);
        Assert.Equal(expected.Sum(g => g.Kzt), grants.Total.AmountKzt);
        Assert.Equal(["south"], grants.ByDistrict.Select(r => r.Code));
        Assert.Equal(expected.Count, grants.BySector.Sum(r => r.Count));
    }
}
