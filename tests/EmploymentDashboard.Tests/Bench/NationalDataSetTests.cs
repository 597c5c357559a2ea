using EmploymentDashboard.Bench.DataSet;
using EmploymentDashboard.Data.Demo;
using EmploymentDashboard.Tests.Infrastructure;
using Npgsql;

namespace EmploymentDashboard.Tests.Bench;

/// <summary>The benchmark's national data set on a tiny size: row counts, determinism, territory and consistency.</summary>
public sealed class NationalDataSetTests
{
    /// <summary>A digest of every generated table's content, independent of generated ids (joined through codes and uuids).</summary>
    private const string ContentDigest = """
        SELECT md5(string_agg(line, E'\n' ORDER BY line)) FROM (
            SELECT 'r|' || code || '|' || name_ru || '|' || name_kk || '|' || name_en AS line FROM regions
            UNION ALL SELECT 'd|' || d.code || '|' || r.code || '|' || d.kind || '|' || d.population || '|' || d.valid_from || '|' || d.name_en || '|' || d.latitude
                FROM districts d JOIN regions r ON r.id = d.region_id
            UNION ALL SELECT 'p|' || p.id || '|' || p.disability_group || '|' || p.sex || '|' || p.birth_year || '|' || d.code
                FROM participants p JOIN districts d ON d.id = p.district_id
            UNION ALL SELECT 'e|' || e.bin || '|' || e.name || '|' || d.code || '|' || e.headcount FROM employers e JOIN districts d ON d.id = e.district_id
            UNION ALL SELECT 'q|' || e.bin || '|' || q.year || '|' || q.status || '|' || q.places_set || '|' || q.places_filled
                FROM employer_quotas q JOIN employers e ON e.id = q.employer_id
            UNION ALL SELECT 's|' || e.bin || '|' || s.year || '|' || s.impairment_type || '|' || coalesce(s.disability_group::text, '-') || '|' || s.count
                FROM special_workplaces s JOIN employers e ON e.id = s.employer_id
            UNION ALL SELECT 'pl|' || p.participant_id || '|' || m.code || '|' || d.code || '|' || p.date || '|' || coalesce(e.bin, '-')
                FROM placements p JOIN support_measures m ON m.id = p.measure_id JOIN districts d ON d.id = p.district_id LEFT JOIN employers e ON e.id = p.employer_id
            UNION ALL SELECT 'g|' || g.participant_id || '|' || d.code || '|' || g.amount_kzt || '|' || g.mci_kzt || '|' || g.sector || '|' || g.date
                FROM grants g JOIN districts d ON d.id = g.district_id
            UNION ALL SELECT 'pop|' || d.code || '|' || p.year || '|' || p.people_with_disabilities FROM disability_populations p JOIN districts d ON d.id = p.district_id
        ) lines
        """;

    [Fact]
    public async Task Loads_the_asked_numbers_of_rows_with_karaganda_and_its_real_districts_first()
    {
        await using var database = await TestDatabase.CreateAsync();
        var size = DataSetSize.ForPlacements(2_000);

        await LoadAsync(database, size, seed: 7);

        Assert.Equal(2_000, await database.ScalarAsync("SELECT count(*) FROM placements"));
        Assert.Equal(200, await database.ScalarAsync("SELECT count(*) FROM participants"));
        Assert.Equal(60, await database.ScalarAsync("SELECT count(*) FROM employers"));
        Assert.Equal(100, await database.ScalarAsync("SELECT count(*) FROM grants"));
        Assert.Equal(20, await database.ScalarAsync("SELECT count(*) FROM regions"));
        Assert.Equal(8, await database.ScalarAsync("SELECT count(*) FROM support_measures"));
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM dataset_info WHERE is_demo"));

        // The app shows the first region by default: Karaganda, with exactly the app's 13 real districts.
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM regions WHERE id = (SELECT min(id) FROM regions) AND code = 'karaganda'"));
        var real = KaragandaTerritory.CreateDistricts(KaragandaTerritory.CreateRegion());
        Assert.Equal(real.Count, await database.ScalarAsync("SELECT count(*) FROM districts d JOIN regions r ON r.id = d.region_id WHERE r.code = 'karaganda'"));
        foreach (var district in real)
        {
            Assert.Equal(1, await database.ScalarAsync(
                $"SELECT count(*) FROM districts WHERE code = '{district.Code}' AND name_en = '{district.Name.En}' AND valid_from = DATE '{district.ValidFrom:yyyy-MM-dd}' AND population = {district.Population}"));
        }

        // Every synthetic district has its names in three languages and a validity.
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM districts WHERE name_ru = '' OR name_kk = '' OR name_en = '' OR valid_from IS NULL"));
        Assert.True(await database.ScalarAsync("SELECT count(*) FROM districts") > 19 * 8);
    }

    [Fact]
    public async Task Is_consistent_every_participant_has_a_placement_and_events_fall_in_their_district_s_validity()
    {
        await using var database = await TestDatabase.CreateAsync();

        await LoadAsync(database, DataSetSize.ForPlacements(3_000), seed: 11);

        Assert.Equal(300, await database.ScalarAsync("SELECT count(DISTINCT participant_id) FROM placements"));
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM placements p JOIN participants pa ON pa.id = p.participant_id WHERE pa.district_id <> p.district_id"));
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM grants g JOIN participants pa ON pa.id = g.participant_id WHERE pa.district_id <> g.district_id"));
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM placements p JOIN districts d ON d.id = p.district_id WHERE p.date < d.valid_from OR p.date > DATE '2025-12-31' OR p.date < DATE '2016-01-01'"));
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM grants g JOIN districts d ON d.id = g.district_id WHERE g.date < d.valid_from"));
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM placements p JOIN employers e ON e.id = p.employer_id WHERE e.district_id <> p.district_id"));
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM placements p JOIN support_measures m ON m.id = p.measure_id WHERE m.kind = 'Grant'"));
        Assert.Equal(10, await database.ScalarAsync("SELECT count(DISTINCT extract(year FROM date)) FROM placements"));
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM employers WHERE bin !~ '^[0-9]{12}$'"));
        var bins = new List<string>();
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT bin FROM employers", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                bins.Add(reader.GetString(0));
            }
        }

        Assert.All(bins, bin => Assert.True(BusinessIdentificationNumber.IsValid(bin), bin));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_rows_and_another_seed_other_rows()
    {
        await using var first = await TestDatabase.CreateAsync();
        await using var second = await TestDatabase.CreateAsync();
        await using var other = await TestDatabase.CreateAsync();
        var size = DataSetSize.ForPlacements(1_000);

        await LoadAsync(first, size, seed: 3);
        await LoadAsync(second, size, seed: 3);
        await LoadAsync(other, size, seed: 4);

        var digest = await DigestAsync(first);
        Assert.Equal(digest, await DigestAsync(second));
        Assert.NotEqual(digest, await DigestAsync(other));
    }

    [Fact]
    public async Task Refuses_a_database_that_already_holds_data()
    {
        await using var database = await TestDatabase.CreateAsync();
        await LoadAsync(database, DataSetSize.ForPlacements(100), seed: 1);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LoadAsync(database, DataSetSize.ForPlacements(100), seed: 1));

        Assert.Contains("already holds data", error.Message, StringComparison.Ordinal);
        Assert.Equal(100, await database.ScalarAsync("SELECT count(*) FROM placements"));
    }

    [Fact]
    public void Employer_bins_are_unique_and_valid()
    {
        var bins = Enumerable.Range(0, 300_000).Select(NationalDataSet.Bin).ToList();

        Assert.Equal(bins.Count, bins.Distinct().Count());
        Assert.All(bins.Where((_, i) => i % 997 == 0), bin => Assert.True(BusinessIdentificationNumber.IsValid(bin), bin));
    }

    private static async Task LoadAsync(TestDatabase database, DataSetSize size, int seed)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await new NationalDataSet(size, seed).LoadAsync(connection, _ => { }, CancellationToken.None);
    }

    private static async Task<string> DigestAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(ContentDigest, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
