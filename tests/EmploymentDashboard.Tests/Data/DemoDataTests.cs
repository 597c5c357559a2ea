using System.Globalization;
using System.Text;
using EmploymentDashboard.Data.Demo;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Tests.Data;

/// <summary>The demo data reproduce every figure the akimat published (DOMAIN.md), counted straight from the rows.</summary>
[Collection(DemoDatabaseCollection.Name)]
public sealed class DemoDataTests(DemoDatabaseFixture fixture)
{
    private const string Year = "date >= DATE '2025-01-01' AND date < DATE '2026-01-01'";

    private TestDatabase Database => fixture.Database;

    [Fact]
    public void The_reporting_year_is_2025() => Assert.Equal(2025, PublishedFigures.ReportingYear);

    [Fact]
    public async Task Distinct_people_covered_is_1120()
    {
        var people = await Database.ScalarAsync(
            $"SELECT count(*) FROM (SELECT participant_id FROM placements WHERE {Year} UNION SELECT participant_id FROM grants WHERE {Year}) AS people");
        Assert.Equal(1120, people);
    }

    [Theory]
    [InlineData("vacancy", 358)]
    [InlineData("social_jobs", 15)]
    [InlineData("public_works", 290)]
    [InlineData("silver_age", 106)]
    public async Task Placements_per_published_measure_match(string measure, int expected)
    {
        var count = await Database.ScalarAsync(
            $"SELECT count(*) FROM placements p JOIN support_measures m ON m.id = p.measure_id WHERE m.code = '{measure}' AND p.{Year}");
        Assert.Equal(expected, count);
    }

    [Fact]
    public async Task Sixty_one_grants_were_issued_at_400_MCI_each()
    {
        Assert.Equal(61, await Database.ScalarAsync($"SELECT count(*) FROM grants WHERE {Year}"));
        Assert.Equal(0, await Database.ScalarAsync($"SELECT count(*) FROM grants WHERE {Year} AND amount_kzt <> 400 * mci_kzt"));
        Assert.Equal(0, await Database.ScalarAsync($"SELECT count(*) FROM grants WHERE {Year} AND mci_kzt <> 3932"));
    }

    [Fact]
    public async Task Measures_are_events_and_add_up_to_more_than_the_people()
    {
        var events = await Database.ScalarAsync($"SELECT (SELECT count(*) FROM placements WHERE {Year}) + (SELECT count(*) FROM grants WHERE {Year})");
        var published = 358 + 15 + 290 + 106 + 61;
        Assert.Equal(830, published);
        Assert.True(events > 1120, $"{events} events should exceed 1120 people: some people had more than one measure.");
        var repeated = await Database.ScalarAsync(
            $"SELECT count(*) FROM (SELECT participant_id FROM (SELECT participant_id FROM placements WHERE {Year} UNION ALL SELECT participant_id FROM grants WHERE {Year}) e GROUP BY participant_id HAVING count(*) > 1) r");
        Assert.True(repeated > 0);
    }

    [Fact]
    public async Task Quotas_match_the_published_figures()
    {
        Assert.Equal(89, await Database.ScalarAsync("SELECT count(DISTINCT employer_id) FROM employer_quotas WHERE year = 2025 AND status = 'InForce'"));
        Assert.Equal(219, await Database.ScalarAsync("SELECT sum(places_set) FROM employer_quotas WHERE year = 2025 AND status = 'InForce'"));
        Assert.Equal(11, await Database.ScalarAsync("SELECT sum(count) FROM special_workplaces WHERE year = 2025 AND impairment_type = 'Hearing' AND disability_group = 3"));
        Assert.Equal(11, await Database.ScalarAsync("SELECT sum(count) FROM special_workplaces WHERE year = 2025"));
        Assert.Equal(1, await Database.ScalarAsync(
            "SELECT count(*) FROM employer_quotas q JOIN employers e ON e.id = q.employer_id JOIN districts d ON d.id = e.district_id "
            + "WHERE q.year = 2025 AND q.status = 'ApplicationPending' AND d.code = 'karaganda-city' AND q.places_set = 2"));
        Assert.Equal(1, await Database.ScalarAsync("SELECT count(*) FROM employer_quotas WHERE year = 2025 AND status = 'ApplicationPending'"));
    }

    [Fact]
    public async Task The_quota_was_doubled_against_the_previous_year()
    {
        var previous = await Database.ScalarAsync("SELECT sum(places_set) FROM employer_quotas WHERE year = 2024 AND status = 'InForce'");
        Assert.Equal(219.0 / 2, previous, tolerance: 5);
    }

    [Fact]
    public async Task Quotas_are_two_to_four_percent_of_headcount_at_employers_of_50_or_more()
    {
        Assert.Equal(0, await Database.ScalarAsync("SELECT count(*) FROM employers WHERE headcount < 50"));
        Assert.Equal(0, await Database.ScalarAsync(
            "SELECT count(*) FROM employer_quotas q JOIN employers e ON e.id = q.employer_id "
            + "WHERE q.year = 2025 AND q.status = 'InForce' AND (q.places_set < 0.02 * e.headcount - 1e-9 OR q.places_set > 0.04 * e.headcount + 1e-9)"));
    }

    [Fact]
    public async Task Filled_quota_places_are_people_actually_hired()
    {
        // Each filled place is a vacancy placement linked to the employer in the same year.
        Assert.Equal(0, await Database.ScalarAsync(
            "SELECT count(*) FROM employer_quotas q WHERE q.places_filled <> "
            + "(SELECT count(*) FROM placements p WHERE p.employer_id = q.employer_id AND extract(year FROM p.date) = q.year)"));
    }

    [Fact]
    public async Task Population_context_matches_the_published_figures()
    {
        Assert.Equal(55_000, await Database.ScalarAsync("SELECT sum(people_with_disabilities) FROM disability_populations WHERE year = 2025"));
        Assert.Equal(27_500, await Database.ScalarAsync("SELECT sum(working_age) FROM disability_populations WHERE year = 2025"));
        Assert.Equal(11_000, await Database.ScalarAsync("SELECT sum(employed) FROM disability_populations WHERE year = 2025"));
    }

    [Fact]
    public async Task The_thirteen_real_districts_and_cities_are_seeded_with_no_invented_KATO_codes()
    {
        Assert.Equal(13, await Database.ScalarAsync("SELECT count(*) FROM districts"));
        Assert.Equal(6, await Database.ScalarAsync("SELECT count(*) FROM districts WHERE kind = 'City'"));
        Assert.Equal(7, await Database.ScalarAsync("SELECT count(*) FROM districts WHERE kind = 'District'"));
        Assert.Equal(0, await Database.ScalarAsync("SELECT count(*) FROM districts WHERE kato_code IS NOT NULL"));
        Assert.Equal(0, await Database.ScalarAsync("SELECT count(*) FROM districts WHERE name_en IN ('Zhezkazgan', 'Satpayev', 'Karazhal', 'Ulytau', 'Zhanaarka')"));
    }

    [Fact]
    public async Task Districts_reach_people_at_plausibly_different_rates_while_the_region_stays_exact()
    {
        // People covered per 1,000 people with disabilities, and quota fulfilment, by district in 2025, straight from the rows.
        await using var db = Database.CreateContext();
        var rows = await db.Districts
            .Select(d => new
            {
                d.Code,
                IsCity = d.Kind == DistrictKind.City,
                People = db.Placements.Where(p => p.DistrictId == d.Id && p.Date.Year == 2025).Select(p => p.ParticipantId)
                    .Union(db.Grants.Where(g => g.DistrictId == d.Id && g.Date.Year == 2025).Select(g => g.ParticipantId)).Count(),
                WithDisabilities = db.DisabilityPopulations.Where(p => p.DistrictId == d.Id && p.Year == 2025).Sum(p => p.PeopleWithDisabilities),
                Set = db.EmployerQuotas.Where(q => q.Employer!.DistrictId == d.Id && q.Year == 2025 && q.Status == QuotaStatus.InForce).Sum(q => q.PlacesSet),
                Filled = db.EmployerQuotas.Where(q => q.Employer!.DistrictId == d.Id && q.Year == 2025 && q.Status == QuotaStatus.InForce).Sum(q => q.PlacesFilled),
            })
            .ToListAsync();
        var rates = rows.ToDictionary(r => r.Code, r => 1000.0 * r.People / r.WithDisabilities);
        var region = 1000.0 * 1120 / PublishedFigures.PeopleWithDisabilities;

        Assert.Equal(1120, rows.Sum(r => r.People));
        Assert.Equal(PublishedFigures.PeopleWithDisabilities, rows.Sum(r => r.WithDisabilities));
        Assert.All(rows, r => Assert.True(r.People > 0, r.Code));

        // Not one rate for everybody (it was 19.0 to 21.2 for every district): the best reaches well over 1.5 times the worst.
        Assert.True(rates.Values.Max() / rates.Values.Min() > 1.5, string.Join(", ", rates.Select(r => $"{r.Key} {r.Value:F1}")));
        Assert.True(rates.Values.Max() / rates.Values.Min() < 4, "Rates differ implausibly much.");

        // Cities reach more people than rural districts, and a few districts stand out both ways.
        Assert.True(rows.Where(r => r.IsCity).Average(r => rates[r.Code]) > rows.Where(r => !r.IsCity).Average(r => rates[r.Code]) * 1.15);
        Assert.True(rates.Values.Count(r => r > region * 1.15) >= 2);
        Assert.True(rates.Values.Count(r => r < region * 0.85) >= 2);

        // Quota fulfilment from about 40% to 100% by district, while the region's places stay the published 219.
        var fulfilment = rows.Where(r => r.Set > 0).Select(r => (double)r.Filled / r.Set).ToList();
        Assert.Equal(PublishedFigures.QuotaPlaces, rows.Sum(r => r.Set));
        Assert.InRange(fulfilment.Min(), 0.33, 0.47);
        Assert.InRange(fulfilment.Max(), 0.93, 1.0);
    }

    [Fact]
    public void Every_seed_spreads_the_districts_apart_and_keeps_the_published_totals()
    {
        var districts = KaragandaTerritory.CreateDistricts(KaragandaTerritory.CreateRegion());
        foreach (var seed in new[] { 1, 7, 99, 2024, DemoDataGenerator.DefaultSeed })
        {
            var performance = DemoDataGenerator.DistrictPerformance(districts, seed);
            Assert.Equal(performance, DemoDataGenerator.DistrictPerformance(districts, seed));
            Assert.True(performance.Max() / performance.Min() > 1.5, $"seed {seed}");

            var set = new DemoDataGenerator(seed).Generate();
            var people = set.Placements.Where(p => p.Date.Year == 2025).Select(p => p.Participant!.Id)
                .Union(set.Grants.Where(g => g.Date.Year == 2025).Select(g => g.Participant!.Id)).Count();
            Assert.Equal(1120, people);
            Assert.Equal(PublishedFigures.PublicWorks, set.Placements.Count(p => p.Date.Year == 2025 && p.Measure!.Code == MeasureCodes.PublicWorks));
            Assert.Equal(PublishedFigures.Employed, set.Populations.Where(p => p.Year == 2025).Sum(p => p.Employed));

            // Quota fulfilment by district from about 40% to 100%, whatever the seed (a district with few places rounds to a half).
            var fulfilment = set.Quotas.Where(q => q.Year == 2025 && q.Status == QuotaStatus.InForce)
                .GroupBy(q => q.Employer!.District!.Code)
                .Select(g => (double)g.Sum(q => q.PlacesFilled) / g.Sum(q => q.PlacesSet))
                .ToList();
            Assert.True(fulfilment.Min() is >= 0.3 and <= 0.5, $"seed {seed}: lowest fulfilment {fulfilment.Min():P0}");
            Assert.True(fulfilment.Max() is >= 0.9 and <= 1.0, $"seed {seed}: highest fulfilment {fulfilment.Max():P0}");
        }

        Assert.NotEqual(DemoDataGenerator.DistrictPerformance(districts, 1), DemoDataGenerator.DistrictPerformance(districts, 2));
    }

    [Fact]
    public async Task Earlier_years_exist_for_trends()
    {
        foreach (var year in new[] { 2023, 2024 })
        {
            Assert.True(await Database.ScalarAsync($"SELECT count(*) FROM placements WHERE extract(year FROM date) = {year}") > 500);
            Assert.True(await Database.ScalarAsync($"SELECT count(*) FROM grants WHERE extract(year FROM date) = {year}") > 0);
            Assert.Equal(13, await Database.ScalarAsync($"SELECT count(*) FROM disability_populations WHERE year = {year}"));
        }
    }

    [Fact]
    public async Task Participants_match_their_measures_age_rules()
    {
        Assert.Equal(0, await Database.ScalarAsync(
            "SELECT count(*) FROM placements p JOIN participants x ON x.id = p.participant_id JOIN support_measures m ON m.id = p.measure_id "
            + "WHERE m.code = 'silver_age' AND extract(year FROM p.date) - x.birth_year < 50"));
        Assert.Equal(0, await Database.ScalarAsync(
            "SELECT count(*) FROM placements p JOIN participants x ON x.id = p.participant_id JOIN support_measures m ON m.id = p.measure_id "
            + "WHERE m.code = 'first_job' AND extract(year FROM p.date) - x.birth_year > 35"));
    }

    [Fact]
    public async Task The_data_set_is_marked_as_demo()
    {
        Assert.Equal(1, await Database.ScalarAsync("SELECT count(*) FROM dataset_info WHERE is_demo AND reporting_year = 2025"));
    }

    [Fact]
    public async Task The_statistics_queries_return_the_published_figures()
    {
        await using var db = Database.CreateContext();
        var region = (await db.GetRegionsAsync()).Single();

        var overview = await db.GetRegionOverviewAsync(region, 2025);

        Assert.Equal(1120, overview.PeopleCovered);
        int Events(string code) => overview.EventsByMeasure.Single(m => m.Measure.Code == code).Events;
        Assert.Equal(358, Events(MeasureCodes.Vacancy));
        Assert.Equal(15, Events(MeasureCodes.SocialJobs));
        Assert.Equal(290, Events(MeasureCodes.PublicWorks));
        Assert.Equal(106, Events(MeasureCodes.SilverAge));
        Assert.Equal(61, Events(MeasureCodes.BusinessGrant));
        Assert.Equal(61, overview.Grants.Count);
        Assert.Equal(61m * 400 * 3932, overview.Grants.AmountKzt);
        Assert.Equal(61m * 400, overview.Grants.AmountMci);
        Assert.Equal(89, overview.Quotas.EmployersWithQuota);
        Assert.Equal(219, overview.Quotas.PlacesSet);
        Assert.Equal(11, overview.Quotas.SpecialWorkplaces);
        Assert.Equal(1, overview.Quotas.PendingApplications);
        Assert.Equal(2, overview.Quotas.PendingPlaces);
        Assert.Equal(55_000, overview.Population.PeopleWithDisabilities);
        Assert.Equal(27_500, overview.Population.WorkingAge);
        Assert.Equal(11_000, overview.Population.Employed);
        Assert.Equal(40.0m, overview.Population.EmploymentRatePercent);
    }

    [Fact]
    public async Task The_statistics_table_agrees_with_the_rows_district_by_district()
    {
        await using var db = Database.CreateContext();
        var region = (await db.GetRegionsAsync()).Single();
        var overview = await db.GetRegionOverviewAsync(region, 2025);

        Assert.Equal(13, overview.Districts.Count);
        foreach (var row in overview.Districts)
        {
            for (var i = 0; i < overview.Measures.Count; i++)
            {
                var measure = overview.Measures[i];
                var sql = measure.Kind == MeasureKind.Grant
                    ? $"SELECT count(*) FROM grants g JOIN districts d ON d.id = g.district_id WHERE d.code = '{row.District.Code}' AND g.{Year}"
                    : $"SELECT count(*) FROM placements p JOIN districts d ON d.id = p.district_id JOIN support_measures m ON m.id = p.measure_id WHERE d.code = '{row.District.Code}' AND m.code = '{measure.Code}' AND p.{Year}";
                Assert.Equal(await Database.ScalarAsync(sql), row.Events[i]);
            }
        }

        Assert.Equal(await Database.ScalarAsync("SELECT sum(places_filled) FROM employer_quotas WHERE year = 2025 AND status = 'InForce'"), overview.Quotas.PlacesFilled);
    }
}

/// <summary>Determinism of the generator, without a database.</summary>
public sealed class DemoDataGeneratorTests
{
    [Fact]
    public void The_same_seed_gives_the_same_rows()
    {
        Assert.Equal(Fingerprint(new DemoDataGenerator(42).Generate()), Fingerprint(new DemoDataGenerator(42).Generate()));
        Assert.Equal(Fingerprint(new DemoDataGenerator().Generate()), Fingerprint(new DemoDataGenerator().Generate()));
    }

    [Fact]
    public void Another_seed_gives_other_rows_with_the_same_published_totals()
    {
        var a = new DemoDataGenerator(1).Generate();
        var b = new DemoDataGenerator(2).Generate();

        Assert.NotEqual(Fingerprint(a), Fingerprint(b));
        foreach (var set in new[] { a, b })
        {
            var placements2025 = set.Placements.Where(p => p.Date.Year == 2025).ToList();
            var people = placements2025.Select(p => p.Participant!.Id).Union(set.Grants.Where(g => g.Date.Year == 2025).Select(g => g.Participant!.Id)).Count();
            Assert.Equal(1120, people);
            Assert.Equal(358, placements2025.Count(p => p.Measure!.Code == MeasureCodes.Vacancy));
            Assert.Equal(219, set.Quotas.Where(q => q.Year == 2025 && q.Status == QuotaStatus.InForce).Sum(q => q.PlacesSet));
        }
    }

    [Fact]
    public void Every_plan_covers_the_people_it_says()
    {
        Assert.Equal(1120, DemoYearPlan.Reporting.DistinctPeople);
        Assert.All(DemoYearPlan.Earlier, plan => Assert.True(plan.DistinctPeople > 0));
    }

    /// <summary>Every generated row as text, in generation order, by natural keys (database ids are not assigned yet).</summary>
    private static string Fingerprint(DemoDataSet set)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        foreach (var p in set.Participants)
        {
            text.Append(c, $"P {p.Id} {p.District!.Code} {p.DisabilityGroup} {p.Sex} {p.BirthYear}\n");
        }

        foreach (var p in set.Placements)
        {
            text.Append(c, $"L {p.Participant!.Id} {p.Measure!.Code} {p.District!.Code} {p.Date:O} {p.Employer?.Bin}\n");
        }

        foreach (var g in set.Grants)
        {
            text.Append(c, $"G {g.Participant!.Id} {g.District!.Code} {g.AmountKzt} {g.MciKzt} {g.Sector} {g.Date:O}\n");
        }

        foreach (var e in set.Employers)
        {
            text.Append(c, $"E {e.Bin} {e.Name} {e.District!.Code} {e.Headcount}\n");
        }

        foreach (var q in set.Quotas)
        {
            text.Append(c, $"Q {q.Employer!.Bin} {q.Year} {q.PlacesSet} {q.PlacesFilled} {q.Status}\n");
        }

        foreach (var s in set.SpecialWorkplaces)
        {
            text.Append(c, $"S {s.Employer!.Bin} {s.Year} {s.ImpairmentType} {s.DisabilityGroup} {s.Count}\n");
        }

        foreach (var p in set.Populations)
        {
            text.Append(c, $"C {p.District!.Code} {p.Year} {p.PeopleWithDisabilities} {p.WorkingAge} {p.Employed}\n");
        }

        return text.ToString();
    }
}
