using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Data.Tables;
using EmploymentDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace EmploymentDashboard.Tests.Data;

/// <summary>
/// The rollups kept by triggers (ADR 0007) against the base tables: after every kind of write the
/// rollups equal an aggregate recomputed here in SQL from placements, grants and participants (EXCEPT
/// in both directions), and distinct people read from them equal count(DISTINCT) over the base events.
/// The expected SQL codes the age bands from <see cref="Ages.Range"/>, not with the age_band function.
/// </summary>
public sealed class RollupTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private RegionSummary _region = null!;
    private int _otherRegionId;
    private Dictionary<string, int> _districts = [];
    private Dictionary<string, int> _measures = [];

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.CreateContext();
        var (region, other) = (new Region { Code = "test", Name = new LocalizedName("Т", "Т", "T") }, new Region { Code = "other", Name = new LocalizedName("Д", "Д", "O") });
        var districts = new[] { "north", "south", "east" }.Select((code, i) => new District
        {
            Region = region, Code = code, Name = new LocalizedName(code, code, code), ValidFrom = new DateOnly(2000, 1, 1), SortOrder = i,
        }).Append(new District { Region = other, Code = "far", Name = new LocalizedName("far", "far", "far"), ValidFrom = new DateOnly(2000, 1, 1), SortOrder = 9 }).ToList();
        var measures = new[]
        {
            new SupportMeasure { Code = MeasureCodes.Vacancy, Name = new LocalizedName("В", "В", "V"), Kind = MeasureKind.Placement, SortOrder = 1 },
            new SupportMeasure { Code = MeasureCodes.PublicWorks, Name = new LocalizedName("О", "Қ", "P"), Kind = MeasureKind.SubsidisedJob, SortOrder = 2 },
            new SupportMeasure { Code = MeasureCodes.BusinessGrant, Name = new LocalizedName("Г", "Г", "G"), Kind = MeasureKind.Grant, SortOrder = 3 },
        };
        db.AddRange(region, other);
        db.AddRange(districts);
        db.AddRange(measures);
        var random = new Random(23);
        db.Participants.AddRange(Enumerable.Range(0, 300).Select(i => new Participant
        {
            Id = new Guid(i + 1, 0, 0, new byte[8]),
            District = districts[i % districts.Count],
            DisabilityGroup = (DisabilityGroup)(1 + random.Next(3)),
            Sex = random.Next(2) == 0 ? Sex.Female : Sex.Male,
            BirthYear = 1955 + random.Next(50),
        }));
        await db.SaveChangesAsync();
        _region = new RegionSummary(region.Id, region.Code, region.Name);
        _otherRegionId = other.Id;
        _districts = districts.ToDictionary(d => d.Code, d => d.Id);
        _measures = measures.ToDictionary(m => m.Code, m => m.Id);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Rollups_equal_the_base_tables_after_inserts_corrections_and_deletes()
    {
        await InsertEventsAsync();
        await AssertRollupsMatchAsync("bulk insert");
        Assert.True(await _database.ScalarAsync("SELECT count(*) FROM placement_person_years") > 0, "the bulk insert should fill the rollups");
        Assert.True(await _database.ScalarAsync("SELECT count(*) FROM grant_months") > 0, "the bulk insert should fill the rollups");

        // One row at a time through EF Core, as an import does.
        await using (var db = _database.CreateContext())
        {
            var person = await db.Participants.OrderBy(p => p.Id).FirstAsync();
            db.Placements.Add(new Placement { ParticipantId = person.Id, MeasureId = _measures[MeasureCodes.Vacancy], DistrictId = _districts["north"], Date = new DateOnly(2025, 7, 14) });
            db.Grants.Add(new Grant { ParticipantId = person.Id, DistrictId = _districts["north"], AmountKzt = 1_572_800m, MciKzt = 3932, Sector = BusinessSector.Crafts, Date = new DateOnly(2025, 7, 20) });
            await db.SaveChangesAsync();
        }

        await AssertRollupsMatchAsync("single inserts");

        foreach (var (step, sql) in new[]
        {
            ("measure corrected", $"UPDATE placements SET measure_id = {_measures[MeasureCodes.PublicWorks]} WHERE id % 7 = 0"),
            ("date moved within and across months and years", "UPDATE placements SET date = date + ((id % 5) * 17)::integer WHERE id % 3 = 0"),
            ("district corrected", $"UPDATE placements SET district_id = {_districts["east"]} WHERE id % 11 = 0"),
            ("participant of an event corrected", "UPDATE placements SET participant_id = (SELECT id FROM participants ORDER BY id LIMIT 1) WHERE id % 13 = 0"),
            ("a column outside the rollups", "UPDATE placements SET employer_id = NULL WHERE id % 2 = 0"),
            ("grant amount, sector and date corrected", "UPDATE grants SET amount_kzt = amount_kzt + 100, sector = 'Food', date = date + 40 WHERE id % 4 = 0"),
            ("grant district corrected", $"UPDATE grants SET district_id = {_districts["south"]} WHERE id % 5 = 0"),
            ("disability group corrected", "UPDATE participants SET disability_group = 1 + (disability_group % 3) WHERE birth_year % 4 = 0"),
            ("sex corrected", "UPDATE participants SET sex = CASE sex WHEN 'Male' THEN 'Female' ELSE 'Male' END WHERE birth_year % 5 = 0"),
            ("birth year corrected across age bands", "UPDATE participants SET birth_year = birth_year - 7 WHERE birth_year % 3 = 0"),
            ("some placements deleted", "DELETE FROM placements WHERE id % 9 = 0"),
            ("every event of some people deleted", "DELETE FROM placements WHERE participant_id IN (SELECT id FROM participants ORDER BY id LIMIT 20)"),
            ("some grants deleted", "DELETE FROM grants WHERE id % 3 = 0"),
            ("a district moved to another region", $"UPDATE districts SET region_id = {_otherRegionId} WHERE code = 'east'"),
        })
        {
            await ExecuteAsync(sql);
            await AssertRollupsMatchAsync(step);
        }

        await ExecuteAsync("DELETE FROM placements; DELETE FROM grants");
        await AssertRollupsMatchAsync("everything deleted");
        Assert.Equal(0, await _database.ScalarAsync("SELECT (SELECT count(*) FROM placement_months) + (SELECT count(*) FROM grant_months) + (SELECT count(*) FROM placement_person_years) + (SELECT count(*) FROM grant_person_years)"));
    }

    [Fact]
    public async Task Every_insert_path_draws_a_random_record_key_that_never_changes_and_no_entity_carries()
    {
        // SQL (a bulk INSERT … SELECT), EF Core (one row, as the import does) and binary COPY: none names the key.
        await InsertEventsAsync();
        var person = await FirstParticipantAsync();
        await using (var db = _database.CreateContext())
        {
            db.Placements.Add(new Placement { ParticipantId = Guid.Parse(person), MeasureId = _measures[MeasureCodes.Vacancy], DistrictId = _districts["north"], Date = new DateOnly(2025, 8, 1) });
            await db.SaveChangesAsync();
        }

        await using (var connection = new NpgsqlConnection(_database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var copy = await connection.BeginBinaryImportAsync("COPY placements (participant_id, measure_id, district_id, date) FROM STDIN (FORMAT BINARY)");
            for (var i = 0; i < 500; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(Guid.Parse(person), NpgsqlTypes.NpgsqlDbType.Uuid);
                await copy.WriteAsync(_measures[MeasureCodes.PublicWorks], NpgsqlTypes.NpgsqlDbType.Integer);
                await copy.WriteAsync(_districts["south"], NpgsqlTypes.NpgsqlDbType.Integer);
                await copy.WriteAsync(new DateOnly(2025, 1 + (i % 12), 1 + (i % 28)), NpgsqlTypes.NpgsqlDbType.Date);
            }

            await copy.CompleteAsync();
        }

        await AssertRollupsMatchAsync("inserts by SQL, EF Core and COPY");
        foreach (var table in new[] { "participants", "placements", "grants" })
        {
            Assert.Equal(0, await _database.ScalarAsync($"SELECT count(*) FROM {table} WHERE record_key < 0 OR record_key >= 4294967296"));

            // 32 random bits: among a few thousand rows, almost all keys differ; a constant or a sequence would not.
            Assert.True(await _database.ScalarAsync($"SELECT count(DISTINCT record_key) FROM {table}") >= await _database.ScalarAsync($"SELECT count(*) FROM {table}") - 2, $"{table}: record keys repeat");
            Assert.True(await _database.ScalarAsync($"SELECT count(*) FROM {table} WHERE record_key >= 2147483648") > 0, $"{table}: no key has its top bit set");
        }

        var change = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("UPDATE placements SET record_key = record_key + 1 WHERE id = (SELECT min(id) FROM placements)"));
        Assert.Contains("record keys never change", change.MessageText, StringComparison.Ordinal);

        await using var context = _database.CreateContext();
        foreach (var entity in new[] { typeof(Participant), typeof(Placement), typeof(Grant), typeof(EmployerQuota) })
        {
            var type = context.Model.FindEntityType(entity)!;
            Assert.DoesNotContain(type.GetProperties(), p => p.GetColumnName() == "record_key");
            Assert.All(type.GetProperties().Where(p => p.GetColumnName().Contains("key", StringComparison.Ordinal)), p => Assert.True(p.IsShadowProperty(), $"{entity.Name}.{p.Name} maps a key to the entity"));
        }
    }

    [Fact]
    public async Task Concurrent_writes_to_the_same_person_keep_the_rollups_exact()
    {
        var person = await FirstParticipantAsync();
        var (vacancy, north) = (_measures[MeasureCodes.Vacancy], _districts["north"]);
        await ExecuteAsync($"INSERT INTO placements (participant_id, measure_id, district_id, date) VALUES ('{person}', {vacancy}, {north}, DATE '2025-01-10')");

        // A correction of the person's group is not committed yet when another writer adds an event of theirs.
        await RaceAsync(
            "UPDATE participants SET disability_group = 1 + disability_group % 3 WHERE id = '" + person + "'",
            $"INSERT INTO placements (participant_id, measure_id, district_id, date) VALUES ('{person}', {vacancy}, {north}, DATE '2025-02-10')");
        await AssertRollupsMatchAsync("a group correction racing a new event");

        // A new event of a person-year is not committed yet when another writer deletes the other event of it.
        await RaceAsync(
            $"INSERT INTO placements (participant_id, measure_id, district_id, date) VALUES ('{person}', {vacancy}, {north}, DATE '2025-03-10')",
            $"DELETE FROM placements WHERE participant_id = '{person}' AND date < DATE '2025-03-01'");
        await AssertRollupsMatchAsync("a delete racing a new event of the same person-year");
        Assert.Equal(1 << 2, await _database.ScalarAsync($"SELECT months FROM placement_person_years WHERE participant_id = '{person}' AND year = 2025"));
    }

    [Fact]
    public async Task The_migration_backfills_the_rollups_from_rows_already_there()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using (var db = database.CreateContext())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261126215446_AddExportLogAndCsvPreference");
        }

        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var seed = new NpgsqlCommand(
                """
                INSERT INTO regions (code, name_ru, name_kk, name_en) VALUES ('r', 'r', 'r', 'r');
                INSERT INTO districts (region_id, code, name_ru, name_kk, name_en, kind, population, population_year, population_is_estimate, latitude, longitude, valid_from, sort_order)
                SELECT id, 'd' || n, 'd', 'd', 'd', 'District', 0, 2025, false, 0, 0, DATE '2000-01-01', n FROM regions, generate_series(1, 3) n;
                INSERT INTO support_measures (code, name_ru, name_kk, name_en, kind, sort_order)
                VALUES ('vacancy', 'v', 'v', 'v', 'Placement', 1), ('business_grant', 'g', 'g', 'g', 'Grant', 2);
                INSERT INTO participants (id, disability_group, sex, birth_year, district_id)
                SELECT md5(n::text)::uuid, 1 + n % 3, CASE WHEN n % 2 = 0 THEN 'Female' ELSE 'Male' END, 1960 + n % 45, (SELECT min(id) FROM districts)
                FROM generate_series(1, 200) n;
                INSERT INTO placements (participant_id, measure_id, district_id, date)
                SELECT md5((1 + n % 200)::text)::uuid, (SELECT min(id) FROM support_measures), (SELECT min(id) FROM districts) + n % 3, DATE '2024-01-01' + n % 700
                FROM generate_series(1, 3000) n;
                INSERT INTO grants (participant_id, district_id, amount_kzt, mci_kzt, sector, date)
                SELECT md5((1 + n % 200)::text)::uuid, (SELECT min(id) FROM districts) + n % 3, 1000000 + n, 3692 + n % 2, 'Trade', DATE '2024-01-01' + n % 700
                FROM generate_series(1, 300) n;
                INSERT INTO employers (bin, name, district_id, headcount)
                SELECT lpad(n::text, 12, '0'), 'e' || n, (SELECT min(id) FROM districts) + n % 3, 100 FROM generate_series(1, 40) n;
                INSERT INTO employer_quotas (employer_id, year, places_set, places_filled, status)
                SELECT id, y, 3, id % 4, CASE WHEN y = 2025 AND id % 5 = 0 THEN 'ApplicationPending' ELSE 'InForce' END
                FROM employers CROSS JOIN (VALUES (2024), (2025)) years(y);
                INSERT INTO special_workplaces (employer_id, year, impairment_type, count)
                SELECT id, 2025, (ARRAY['Hearing', 'Vision', 'Mobility'])[1 + id % 3], 1 + id % 3 FROM employers;
                """,
                connection);
            await seed.ExecuteNonQueryAsync();
        }

        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync();
        }

        Assert.True(await database.ScalarAsync("SELECT count(*) FROM placement_months") > 0);
        Assert.True(await database.ScalarAsync("SELECT count(*) FROM quota_cells") > 0);
        Assert.True(await database.ScalarAsync("SELECT count(*) FROM special_workplace_cells") > 0);
        Assert.True(await database.ScalarAsync("SELECT count(*) FROM employer_quota_years") > 0);
        foreach (var (table, difference) in Differences)
        {
            Assert.True(0 == await database.ScalarAsync(difference), $"{table} differs from the base tables after the backfill");
        }
    }

    public static TheoryData<string> PeopleFilters => new()
    {
        "year=2025",
        "year=2024",
        "from=2024-11;to=2025-02",
        "from=2024-03;to=2025-10",
        "from=2025-06;to=2025-06",
        "year=2025;district=north",
        "year=2025;district=north,east",
        "year=2025;measure=vacancy",
        "year=2025;measure=business_grant",
        "year=2025;measure=public_works,business_grant",
        "year=2025;group=II",
        "year=2025;sex=Female",
        "year=2025;age=Under30,From60",
        "year=2025;age=From40To49",
        "from=2024-10;to=2025-03;district=south;measure=vacancy,public_works;group=I,III;sex=Male;age=From30To39,From40To49,From50To59",
        "from=2024-12;to=2025-01;measure=business_grant;sex=Female",
    };

    [Theory]
    [MemberData(nameof(PeopleFilters))]
    public async Task Distinct_people_from_the_rollups_equal_a_distinct_count_over_the_base_events(string spec)
    {
        await InsertEventsAsync();
        var filter = Parse(spec);
        await using var db = _database.CreateContext();

        var total = await db.CountPeopleCoveredAsync(filter);
        var byMonth = await db.GetBreakdownAsync(filter, Dimension.Month);
        var byDistrict = await db.GetBreakdownAsync(filter, Dimension.District);
        var byAge = await db.GetBreakdownAsync(filter, Dimension.AgeBand);

        // Counts and, for the cell key method (ADR 0010), key sums: events' keys summed, people's once each.
        var where = BaseEventCondition(filter);
        Assert.Equal(await _database.ScalarAsync($"SELECT count(DISTINCT e.participant_id) {BaseEvents} WHERE {where}"), total.Count);
        Assert.Equal(await _database.ScalarAsync($"SELECT coalesce(sum(k), 0) FROM (SELECT DISTINCT e.participant_id, p.record_key AS k {BaseEvents} WHERE {where}) x"), total.KeySum);
        Assert.True(total.Count > 0, "a filter of the table should select someone");
        Assert.Equal(total, byMonth.KeyedTotalPeople);
        Assert.Equal(await _database.ScalarAsync($"SELECT count(*) {BaseEvents} WHERE {where}"), byMonth.TotalEvents);
        Assert.Equal(await _database.ScalarAsync($"SELECT coalesce(sum(e.record_key), 0) {BaseEvents} WHERE {where}"), byMonth.TotalEventsKeySum);
        foreach (var row in byMonth.Rows)
        {
            Assert.Equal(await _database.ScalarAsync($"SELECT count(DISTINCT e.participant_id) {BaseEvents} WHERE {where} AND to_char(e.date, 'YYYY-MM') = '{row.Code}'"), row.People);
            Assert.Equal(await _database.ScalarAsync($"SELECT coalesce(sum(k), 0) FROM (SELECT DISTINCT e.participant_id, p.record_key AS k {BaseEvents} WHERE {where} AND to_char(e.date, 'YYYY-MM') = '{row.Code}') x"), row.PeopleKeySum);
            Assert.Equal(await _database.ScalarAsync($"SELECT count(*) {BaseEvents} WHERE {where} AND to_char(e.date, 'YYYY-MM') = '{row.Code}'"), row.Events);
            Assert.Equal(await _database.ScalarAsync($"SELECT coalesce(sum(e.record_key), 0) {BaseEvents} WHERE {where} AND to_char(e.date, 'YYYY-MM') = '{row.Code}'"), row.EventsKeySum);
        }

        foreach (var row in byDistrict.Rows)
        {
            Assert.Equal(await _database.ScalarAsync($"SELECT count(DISTINCT e.participant_id) {BaseEvents} WHERE {where} AND d.code = '{row.Code}'"), row.People);
            Assert.Equal(await _database.ScalarAsync($"SELECT coalesce(sum(k), 0) FROM (SELECT DISTINCT e.participant_id, p.record_key AS k {BaseEvents} WHERE {where} AND d.code = '{row.Code}') x"), row.PeopleKeySum);
        }

        foreach (var (band, row) in Ages.All.Zip(byAge.Rows))
        {
            Assert.Equal(await _database.ScalarAsync($"SELECT count(DISTINCT e.participant_id) {BaseEvents} WHERE {where} AND {AgeIn([band])}"), row.People);
        }
    }

    [Fact]
    public async Task The_statistics_read_the_rollups_through_their_indexes_never_the_base_tables()
    {
        await InsertEventsAsync();
        await ExecuteAsync("VACUUM ANALYZE");
        var recorder = new CommandRecorder();
        await using (var db = _database.CreateContext(recorder))
        {
            // The first filter is not in the cube (two districts, months across a year's end); the second is (ADR 0011).
            foreach (var filter in new[] { Parse("from=2024-11;to=2025-02;district=north,south;sex=Female;age=From30To39,From40To49"), Parse("from=2025-04;to=2025-06;district=north;sex=Female") })
            {
                foreach (var dimension in Enum.GetValues<Dimension>())
                {
                    await db.GetBreakdownAsync(filter, dimension);
                }

                await db.GetGrantBreakdownsAsync(filter);
                await db.GetDistrictMapAsync(filter);
                await db.GetDistrictCoverageAsync(filter);
            }

            await db.GetRegionOverviewAsync(_region, 2025);
            await db.GetYearsWithDataAsync(_region.Id);
        }

        // With sequential scans priced out, a rollup read that still scans sequentially has no index for its filter.
        var (rollupIndexReads, cubeReads, grantSectorReads) = (0, 0, 0);
        foreach (var (sql, plan) in await PlansAsync(recorder.Commands, "SET enable_seqscan = off"))
        {
            Assert.False(Regex.IsMatch(plan, @"\bon (placements|grants|participants)\b"), $"a statistic reads a base table:\n{sql}\n{plan}");
            Assert.False(Regex.IsMatch(plan, @"Seq Scan on (placement_months|grant_months|grant_sector_months|placement_person_years|grant_person_years|stat_cells)\b"), $"a rollup read uses no index:\n{sql}\n{plan}");
            rollupIndexReads += Regex.Matches(plan, @"(Index Scan|Index Only Scan|Bitmap Index Scan) (using|on) (pk|ix)_(placement_months|grant_months|grant_sector_months|placement_person_years|grant_person_years|stat_cells)").Count;
            cubeReads += Regex.Matches(plan, @"(Index Scan|Index Only Scan|Bitmap Index Scan) (using|on) pk_stat_cells").Count;
            grantSectorReads += Regex.Matches(plan, @"(Index Scan|Index Only Scan|Bitmap Index Scan) (using|on) pk_grant_sector_months").Count;
        }

        // The overview's filter selects no group, sex or age band: its grants come from the coarser grant rollup.
        Assert.True(grantSectorReads >= 1, "expected the grant breakdowns of a filter without attributes to read pk_grant_sector_months");

        Assert.True(cubeReads >= 8, $"expected the filter the cube holds to be read from it; {cubeReads} reads of pk_stat_cells");
        Assert.True(rollupIndexReads >= 20, $"expected the statistics to read the rollups through their indexes; {rollupIndexReads} index reads in {recorder.Commands.Count} commands");
    }

    [Fact]
    public async Task Quota_cells_equal_the_base_tables_after_every_kind_of_write()
    {
        await InsertQuotasAsync();
        await AssertRollupsMatchAsync("bulk insert of employers, quotas and special workplaces");
        Assert.True(await _database.ScalarAsync("SELECT count(*) FROM quota_cells") >= 8, "the bulk insert should fill quota_cells");
        Assert.True(await _database.ScalarAsync("SELECT count(*) FROM special_workplace_cells") >= 8, "the bulk insert should fill special_workplace_cells");
        Assert.True(await _database.ScalarAsync("SELECT count(*) FROM employer_quota_years") >= 200, "the bulk insert should fill employer_quota_years");

        // One employer with its quotas and workplaces through EF Core, as an import does.
        await using (var db = _database.CreateContext())
        {
            var employer = new Employer { Bin = "990000000001", Name = "EF employer", DistrictId = _districts["south"], Headcount = 120 };
            employer.Quotas.Add(new EmployerQuota { Year = 2025, PlacesSet = 4, PlacesFilled = 3, Status = QuotaStatus.InForce });
            employer.Quotas.Add(new EmployerQuota { Year = 2026, PlacesSet = 5, Status = QuotaStatus.ApplicationPending });
            db.Employers.Add(employer);
            db.SpecialWorkplaces.Add(new SpecialWorkplace { Employer = employer, Year = 2025, ImpairmentType = ImpairmentType.Vision, Count = 2 });
            await db.SaveChangesAsync();
        }

        await AssertRollupsMatchAsync("EF Core inserts");

        await using (var db = _database.CreateContext())
        {
            var quota = await db.EmployerQuotas.SingleAsync(q => q.Employer!.Bin == "990000000001" && q.Year == 2025);
            quota.PlacesFilled = 4;
            await db.SaveChangesAsync();
        }

        await AssertRollupsMatchAsync("EF Core correction of places filled");

        await using (var db = _database.CreateContext())
        {
            var employer = await db.Employers.SingleAsync(e => e.Bin == "990000000001");
            employer.Name = "EF employer, renamed";
            employer.Headcount = 130;
            await db.SaveChangesAsync();
        }

        await AssertRollupsMatchAsync("EF Core rename of an employer");

        foreach (var (step, sql) in new[]
        {
            ("places set and filled corrected", "UPDATE employer_quotas SET places_set = places_set + 2, places_filled = least(places_filled + 1, places_set + 2) WHERE id % 3 = 0"),
            ("places filled lowered", "UPDATE employer_quotas SET places_filled = places_filled / 2 WHERE id % 4 = 1"),
            ("status changed to pending", "UPDATE employer_quotas SET status = 'ApplicationPending', places_filled = 0 WHERE year = 2024 AND id % 5 = 0"),
            ("pending application signed", "UPDATE employer_quotas SET status = 'InForce' WHERE year = 2026 AND id % 2 = 0"),
            ("year moved", "UPDATE employer_quotas SET year = year + 10 WHERE id % 7 = 0"),
            ("employers renamed and their headcounts changed", "UPDATE employers SET headcount = headcount + 1, name = name || '.'"),
            ("a BIN corrected", "UPDATE employers SET bin = lpad((bin::bigint + 500000)::text, 12, '0') WHERE id % 8 = 5"),
            ("a quota moved to another employer", "UPDATE employer_quotas SET employer_id = (SELECT max(id) FROM employers) WHERE id = (SELECT min(id) FROM employer_quotas WHERE year = 2024 AND employer_id <> (SELECT max(id) FROM employers))"),
            ("workplaces corrected", "UPDATE special_workplaces SET count = count + 1, impairment_type = 'Hearing' WHERE id % 3 = 0"),
            ("workplace year moved", "UPDATE special_workplaces SET year = 2023 WHERE id % 4 = 0"),
            ("employers moved to another district", $"UPDATE employers SET district_id = CASE district_id WHEN {_districts["north"]} THEN {_districts["east"]} ELSE {_districts["north"]} END WHERE id % 4 = 0"),
            ("employer moved to another region", $"UPDATE employers SET district_id = {_districts["far"]} WHERE id % 9 = 1"),
            ("a district moved to another region", $"UPDATE districts SET region_id = {_otherRegionId} WHERE code = 'east'"),
            ("districts reordered", "UPDATE districts SET sort_order = 10 - sort_order"),
            ("some quotas deleted", "DELETE FROM employer_quotas WHERE id % 6 = 0"),
            ("some workplaces deleted", "DELETE FROM special_workplaces WHERE id % 5 = 0"),
            ("employers deleted with their quotas and workplaces", "DELETE FROM employers WHERE id % 10 = 3"),
            ("every quota of a district deleted", $"DELETE FROM employer_quotas WHERE employer_id IN (SELECT id FROM employers WHERE district_id = {_districts["south"]})"),
        })
        {
            await ExecuteAsync(sql);
            await AssertRollupsMatchAsync(step);
        }

        Assert.Equal(0, await _database.ScalarAsync($"SELECT count(*) FROM quota_cells WHERE district_id = {_districts["south"]}"));
        Assert.Equal(0, await _database.ScalarAsync("SELECT count(*) FROM quota_cells WHERE quotas = 0 AND places_set = 0 AND places_filled = 0 AND filled_key_sum = 0"));
        Assert.Equal(0, await _database.ScalarAsync($"SELECT count(*) FROM employer_quota_years WHERE district_id = {_districts["south"]}"));

        await ExecuteAsync("TRUNCATE employer_quotas");
        await AssertRollupsMatchAsync("quotas truncated");
        Assert.Equal(0, await _database.ScalarAsync("SELECT (SELECT count(*) FROM quota_cells) + (SELECT count(*) FROM employer_quota_years)"));
        Assert.True(await _database.ScalarAsync("SELECT count(*) FROM special_workplace_cells") > 0, "truncating quotas leaves the workplaces");

        await InsertQuotasAsync();
        await ExecuteAsync("TRUNCATE employers CASCADE");
        await AssertRollupsMatchAsync("employers truncated with everything that references them");
        Assert.Equal(0, await _database.ScalarAsync("SELECT (SELECT count(*) FROM quota_cells) + (SELECT count(*) FROM special_workplace_cells)"));
    }

    [Fact]
    public async Task Employers_with_a_quota_of_any_set_of_districts_in_a_year_are_the_sum_of_the_quota_cells()
    {
        await InsertQuotasAsync();
        await ExecuteAsync($"UPDATE employers SET district_id = {_districts["south"]} WHERE id % 4 = 0");

        // Every non-empty set of the four districts (a bit mask over them), each year and status: count(DISTINCT) over
        // the base tables against the sum of the cells' quota rows.
        var differences = await _database.ScalarAsync(
            $"""
            WITH districts AS (SELECT id, (row_number() OVER (ORDER BY id) - 1)::integer AS bit FROM districts),
            sets AS (SELECT s AS district_set FROM generate_series(1, 15) s),
            distinct_employers AS (
                SELECT s.district_set, q.year, q.status, count(DISTINCT q.employer_id) AS employers
                FROM employer_quotas q JOIN employers e ON e.id = q.employer_id JOIN districts d ON d.id = e.district_id
                JOIN sets s ON s.district_set & (1 << d.bit) <> 0 GROUP BY 1, 2, 3),
            cell_sums AS (
                SELECT s.district_set, c.year, c.status, sum(c.quotas) AS employers
                FROM quota_cells c JOIN districts d ON d.id = c.district_id
                JOIN sets s ON s.district_set & (1 << d.bit) <> 0 GROUP BY 1, 2, 3)
            SELECT count(*) FROM distinct_employers a FULL JOIN cell_sums b USING (district_set, year, status)
            WHERE a.employers IS DISTINCT FROM b.employers
            """);
        Assert.Equal(0, differences);
        Assert.True(await _database.ScalarAsync("SELECT count(DISTINCT (year, status)) FROM quota_cells") >= 3, "the test data should have several years and both statuses");
    }

    [Fact]
    public async Task Concurrent_quota_writes_and_an_employer_move_keep_quota_cells_exact()
    {
        await InsertQuotasAsync();
        var employer = await _database.ScalarAsync("SELECT min(id) FROM employers");

        // A quota written for an employer while another transaction moves it (and the other way round).
        await RaceAsync($"UPDATE employers SET district_id = {_districts["east"]} WHERE id = {employer}", $"INSERT INTO employer_quotas (employer_id, year, places_set, places_filled, status) VALUES ({employer}, 2030, 3, 1, 'InForce')");
        await AssertRollupsMatchAsync("a quota inserted while its employer moved");
        await RaceAsync($"INSERT INTO special_workplaces (employer_id, year, impairment_type, count) VALUES ({employer}, 2030, 'Mobility', 2)", $"UPDATE employers SET district_id = {_districts["north"]} WHERE id = {employer}");
        await AssertRollupsMatchAsync("an employer moved while a workplace was inserted");

        // What employer_quota_years copies from the employer and its district, changed while a quota is written.
        await RaceAsync($"UPDATE employers SET name = 'Renamed first' WHERE id = {employer}", $"INSERT INTO employer_quotas (employer_id, year, places_set, places_filled, status) VALUES ({employer}, 2031, 4, 1, 'InForce')");
        await AssertRollupsMatchAsync("a quota inserted while its employer was renamed");
        await RaceAsync($"INSERT INTO employer_quotas (employer_id, year, places_set, places_filled, status) VALUES ({employer}, 2032, 4, 2, 'InForce')", $"UPDATE employers SET name = 'Renamed second', headcount = headcount + 5 WHERE id = {employer}");
        await AssertRollupsMatchAsync("an employer renamed while a quota was inserted");
        await RaceAsync($"UPDATE districts SET region_id = {_otherRegionId} WHERE id = {_districts["north"]}", $"INSERT INTO employer_quotas (employer_id, year, places_set, places_filled, status) VALUES ({employer}, 2033, 5, 1, 'InForce')");
        await AssertRollupsMatchAsync("a quota inserted while its employer's district moved to another region");
        await RaceAsync($"INSERT INTO employer_quotas (employer_id, year, places_set, places_filled, status) VALUES ({employer}, 2034, 5, 3, 'InForce')", $"UPDATE districts SET region_id = {_region.Id}, sort_order = 5 WHERE id = {_districts["north"]}");
        await AssertRollupsMatchAsync("a district moved back and reordered while a quota was inserted");
    }

    [Fact]
    public async Task The_quota_statistics_read_the_quota_cells_through_their_index_never_the_base_tables()
    {
        await InsertQuotasAsync();
        await ExecuteAsync("VACUUM ANALYZE");
        var recorder = new CommandRecorder();
        await using (var db = _database.CreateContext(recorder))
        {
            await db.GetQuotaReportAsync(Parse("year=2025"));
            await db.GetQuotaReportAsync(Parse("from=2024-07;to=2025-06;district=north,south"));
            await db.GetRegionOverviewAsync(_region, 2025);
            await db.GetDistrictMapAsync(Parse("from=2024-01;to=2025-12"));
            await db.GetYearsWithDataAsync(_region.Id);
            await PlanTables.ActualAsync(db, Parse("year=2025"), PlanIndicators.QuotaPlacesFilled, CancellationToken.None);
        }


        var (quotaReads, workplaceReads) = (0, 0);
        foreach (var (sql, plan) in await PlansAsync(recorder.Commands, "SET enable_seqscan = off"))
        {
            Assert.False(Regex.IsMatch(plan, @"\bon (employer_quotas|special_workplaces|employers)\b"), $"a quota statistic reads a base table:\n{sql}\n{plan}");
            Assert.False(Regex.IsMatch(plan, @"Seq Scan on (quota_cells|special_workplace_cells)\b"), $"a quota rollup read uses no index:\n{sql}\n{plan}");
            quotaReads += Regex.Matches(plan, @"(Index Scan|Index Only Scan|Bitmap Index Scan) (using|on) pk_quota_cells").Count;
            workplaceReads += Regex.Matches(plan, @"(Index Scan|Index Only Scan|Bitmap Index Scan) (using|on) pk_special_workplace_cells").Count;
        }

        // The region's quota cells for each of the two reports, the overview's totals and the map's places set (one
        // read each in a context that does not remember, QuotaQueries.GetRegionQuotaCellsAsync), the years with data and
        // the plan's places filled; workplaces in the reports and the overview.
        Assert.True(quotaReads >= 6, $"expected the quota statistics to read pk_quota_cells; {quotaReads} reads");
        Assert.True(workplaceReads >= 3, $"expected the special workplaces to be read from pk_special_workplace_cells; {workplaceReads} reads");
    }

    public static TheoryData<string, EmployerQuotaOrder, bool, string> EmployerListReads => new()
    {
        { "year=2025", EmployerQuotaOrder.Behind, true, "behind" },
        { "year=2025", EmployerQuotaOrder.Behind, false, "behind" },
        { "year=2025", EmployerQuotaOrder.Name, true, "name" },
        { "year=2025", EmployerQuotaOrder.Name, false, "name" },
        { "year=2025", EmployerQuotaOrder.Fulfilment, true, "fulfilment" },
        { "year=2025", EmployerQuotaOrder.District, true, "district" },
        { "year=2025;district=north", EmployerQuotaOrder.Behind, true, "behind" },
        { "year=2025;district=north", EmployerQuotaOrder.Name, false, "name" },
        { "year=2024;district=north,south", EmployerQuotaOrder.District, false, "district" },
    };

    [Theory]
    [MemberData(nameof(EmployerListReads))]
    public async Task A_page_of_the_employer_list_of_one_year_is_one_ordered_index_read_of_employer_quota_years(string spec, EmployerQuotaOrder order, bool onlyUnfilled, string index)
    {
        await InsertQuotasAsync();
        await ExecuteAsync("VACUUM ANALYZE");
        var recorder = new CommandRecorder();
        await using (var db = _database.CreateContext(recorder))
        {
            var page = await db.GetEmployerQuotaPageAsync(Parse(spec), order, onlyUnfilled, page: 2, pageSize: 10);
            Assert.True(page.Total > 10 && page.Rows.Count > 0, "the test data should fill more than one page");
        }

        // With sorting, sequential and bitmap scans priced out, a page whose ORDER BY differed from the index's keys in any
        // column, direction, NULL order or collation would still need a Sort; the count reads an index alone.
        var listQueries = recorder.Commands.Where(c => c.Sql.Contains("employer_quota_years", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, listQueries.Count);
        foreach (var (sql, plan) in await PlansAsync(listQueries, "SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off; SET enable_hashagg = off"))
        {
            Assert.False(Regex.IsMatch(plan, @"\bon (employer_quotas|employers|districts)\b"), $"the employer list reads a base table:\n{sql}\n{plan}");
            Assert.False(Regex.IsMatch(plan, @"Sort|HashAggregate|GroupAggregate"), $"the employer list sorts or groups:\n{sql}\n{plan}");
            if (sql.Contains("LIMIT", StringComparison.Ordinal))
            {
                Assert.True(Regex.IsMatch(plan, $@"Limit[^\n]*\n\s*->\s+Index Only Scan using ix_employer_quota_years_{index} on employer_quota_years"), $"the page is not one read of ix_employer_quota_years_{index} in order:\n{sql}\n{plan}");
            }
            else
            {
                // The count: a range of one index of the rollup (at this size PostgreSQL may prefer its primary key).
                Assert.True(Regex.IsMatch(plan, @"(Index Only Scan|Index Scan) using (pk|ix)_employer_quota_years\w* on employer_quota_years"), $"the count reads no index of the rollup:\n{sql}\n{plan}");
            }
        }
    }

    [Fact]
    public async Task The_employer_list_of_a_period_across_years_groups_employer_quota_years_and_reads_no_base_table()
    {
        await InsertQuotasAsync();
        await ExecuteAsync("VACUUM ANALYZE");
        var recorder = new CommandRecorder();
        await using (var db = _database.CreateContext(recorder))
        {
            var page = await db.GetEmployerQuotaPageAsync(Parse("from=2024-07;to=2025-06;district=north,south"), EmployerQuotaOrder.Behind, onlyUnfilled: true, page: 1, pageSize: 10);
            Assert.True(page.Total > 10, "the test data should fill more than one page");
        }


        var listQueries = recorder.Commands.Where(c => c.Sql.Contains("employer_quota_years", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, listQueries.Count);
        foreach (var (sql, plan) in await PlansAsync(listQueries, "SET enable_seqscan = off"))
        {
            Assert.False(Regex.IsMatch(plan, @"\bon (employer_quotas|employers|districts)\b"), $"the employer list reads a base table:\n{sql}\n{plan}");
            Assert.True(Regex.IsMatch(plan, @"(Index Only Scan|Index Scan|Bitmap Index Scan) (using|on) (pk|ix)_employer_quota_years\w*"), $"the employer list reads no index of the rollup:\n{sql}\n{plan}");
        }
    }

    [Fact]
    public async Task The_age_band_function_agrees_with_the_bands_of_the_dashboards()
    {
        foreach (var age in Enumerable.Range(0, 121))
        {
            Assert.Equal((long)Ages.Of(age), await _database.ScalarAsync($"SELECT age_band({age})"));
        }
    }

    // The base events (placements, and grants under the grant measure) with their person and district, for expected values.
    private const string BaseEvents = """
        FROM (SELECT participant_id, measure_id, district_id, date, record_key FROM placements
              UNION ALL SELECT participant_id, (SELECT id FROM support_measures WHERE kind = 'Grant'), district_id, date, record_key FROM grants) e
        JOIN participants p ON p.id = e.participant_id JOIN districts d ON d.id = e.district_id
        """;

    private static string AgeIn(IEnumerable<AgeBand> bands) =>
        "(" + string.Join(" OR ", bands.Select(b => $"(extract(year FROM e.date) - p.birth_year) BETWEEN {Ages.Range(b).Min} AND {Ages.Range(b).Max}")) + ")";

    private static string AgeBandCase(string age) =>
        "CASE " + string.Join(' ', Ages.All.Select(b => $"WHEN {age} BETWEEN {Ages.Range(b).Min} AND {Ages.Range(b).Max} THEN {(int)b}")) + " END";

    private static string BaseEventCondition(DashboardFilter filter)
    {
        var parts = new List<string>
        {
            $"d.region_id = {filter.Region.Id}",
            $"e.date >= DATE '{filter.Period.From:yyyy-MM-dd}' AND e.date <= DATE '{filter.Period.To:yyyy-MM-dd}'",
        };
        if (filter.DistrictIds.Count > 0)
        {
            parts.Add($"e.district_id IN ({string.Join(',', filter.DistrictIds)})");
        }

        if (filter.MeasureIds.Count > 0)
        {
            parts.Add($"e.measure_id IN ({string.Join(',', filter.MeasureIds)})");
        }

        if (filter.Groups.Count > 0)
        {
            parts.Add($"p.disability_group IN ({string.Join(',', filter.Groups.Select(g => (int)g))})");
        }

        if (filter.Sexes.Count > 0)
        {
            parts.Add($"p.sex IN ({string.Join(',', filter.Sexes.Select(s => $"'{s}'"))})");
        }

        if (filter.AgeBands.Count > 0)
        {
            parts.Add(AgeIn(filter.AgeBands));
        }

        return string.Join(" AND ", parts);
    }

    // The rollups recomputed from the base tables, each EXCEPT the rollup and the rollup EXCEPT it (the import tests use them too).
    internal static IEnumerable<(string Table, string Sql)> Differences
    {
        get
        {
            var year = "extract(year FROM x.date)::integer";
            var band = AgeBandCase($"{year} - p.birth_year");
            var rows = new (string Table, string Recomputed, string Stored)[]
            {
                ("placement_months",
                    $"SELECT d.region_id, date_trunc('month', x.date)::date, x.district_id, x.measure_id, p.disability_group, p.sex, {band}, count(*)::bigint, sum(x.record_key)::bigint FROM placements x JOIN participants p ON p.id = x.participant_id JOIN districts d ON d.id = x.district_id GROUP BY 1, 2, 3, 4, 5, 6, 7",
                    "SELECT region_id, month, district_id, measure_id, disability_group, sex, age_band, events, key_sum FROM placement_months"),
                ("grant_months",
                    $"SELECT d.region_id, date_trunc('month', x.date)::date, x.district_id, x.sector, p.disability_group, p.sex, {band}, count(*)::bigint, sum(x.amount_kzt), sum(x.amount_kzt / x.mci_kzt), sum(x.record_key)::bigint FROM grants x JOIN participants p ON p.id = x.participant_id JOIN districts d ON d.id = x.district_id GROUP BY 1, 2, 3, 4, 5, 6, 7",
                    "SELECT region_id, month, district_id, sector, disability_group, sex, age_band, grants, amount_kzt, amount_mci, key_sum FROM grant_months"),
                ("placement_person_years",
                    $"SELECT x.participant_id, {year}, x.district_id, x.measure_id, d.region_id, p.disability_group, p.sex, {band}, bit_or(1 << (extract(month FROM x.date)::integer - 1)), p.record_key FROM placements x JOIN participants p ON p.id = x.participant_id JOIN districts d ON d.id = x.district_id GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, p.record_key",
                    "SELECT participant_id, year, district_id, measure_id, region_id, disability_group, sex, age_band, months, record_key FROM placement_person_years"),
                ("grant_person_years",
                    $"SELECT x.participant_id, {year}, x.district_id, d.region_id, p.disability_group, p.sex, {band}, bit_or(1 << (extract(month FROM x.date)::integer - 1)), p.record_key FROM grants x JOIN participants p ON p.id = x.participant_id JOIN districts d ON d.id = x.district_id GROUP BY 1, 2, 3, 4, 5, 6, 7, p.record_key",
                    "SELECT participant_id, year, district_id, region_id, disability_group, sex, age_band, months, record_key FROM grant_person_years"),
            };
            return rows.Append((Table: "stat_cells", Recomputed: StatCellsRecomputed, Stored: "SELECT region_id, year, months, district_id, measure_id, disability_group, sex, age_band, events, events_key_sum, people, people_key_sum FROM stat_cells WHERE events <> 0 OR people <> 0 OR events_key_sum <> 0 OR people_key_sum <> 0"))
                .Append((Table: "grant_sector_months", Recomputed: "SELECT d.region_id, date_trunc('month', x.date)::date, x.district_id, x.sector, count(*)::bigint, sum(x.amount_kzt), sum(x.amount_kzt / x.mci_kzt), sum(x.record_key)::bigint FROM grants x JOIN districts d ON d.id = x.district_id GROUP BY 1, 2, 3, 4", Stored: "SELECT region_id, month, district_id, sector, grants, amount_kzt, amount_mci, key_sum FROM grant_sector_months"))
                .Append((Table: "quota_cells", Recomputed: QuotaCellsRecomputed, Stored: "SELECT year, district_id, status, quotas, places_set, places_filled, filled_key_sum FROM quota_cells"))
                .Append((Table: "employer_quota_years", Recomputed: EmployerQuotaYearsRecomputed, Stored: "SELECT employer_id, year, region_id, district_id, district_order, name, bin, headcount, places_set, places_filled, unfilled, fulfilment FROM employer_quota_years"))
                .Append((Table: "special_workplace_cells", Recomputed: "SELECT x.year, e.district_id, x.impairment_type, sum(x.count)::bigint FROM special_workplaces x JOIN employers e ON e.id = x.employer_id GROUP BY 1, 2, 3", Stored: "SELECT year, district_id, impairment_type, workplaces FROM special_workplace_cells"))
                .Select(r => (r.Table, $"SELECT count(*) FROM (({r.Recomputed} EXCEPT ALL {r.Stored}) UNION ALL ({r.Stored} EXCEPT ALL {r.Recomputed})) difference"));
        }
    }

    // Quotas per district (the employer's), year and status. The employers of a cell are recomputed as
    // count(DISTINCT employer_id), the figure the pages show, and compared with the stored row count.
    private const string QuotaCellsRecomputed = """
        SELECT x.year, e.district_id, x.status, count(DISTINCT x.employer_id)::bigint, sum(x.places_set)::bigint, sum(x.places_filled)::bigint, sum(x.filled_key_sum)::bigint
        FROM employer_quotas x JOIN employers e ON e.id = x.employer_id GROUP BY 1, 2, 3
        """;

    // Each employer's quotas in force per year with the employer's name, BIN, headcount and district and the district's
    // region and sort order; unfilled places and fulfilment from the sums.
    private const string EmployerQuotaYearsRecomputed = """
        SELECT x.employer_id, x.year, d.region_id, e.district_id, d.sort_order, e.name, e.bin, e.headcount,
               sum(x.places_set)::integer, sum(x.places_filled)::integer, sum(x.places_set - x.places_filled)::integer, sum(x.places_filled)::numeric / sum(x.places_set)
        FROM employer_quotas x JOIN employers e ON e.id = x.employer_id JOIN districts d ON d.id = e.district_id
        WHERE x.status = 'InForce' GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
        """;

    /// <summary>
    /// The statistics cube (ADR 0011) from the base tables: every event in its year, quarter and month, in its district
    /// and in every district (0), under its measure and every measure (0); events counted, people once per cell. Grants
    /// count under the grant measure. Written from the definition, not from the triggers' SQL.
    /// </summary>
    private static string StatCellsRecomputed
    {
        get
        {
            var month = "extract(month FROM e.date)::integer";
            var band = AgeBandCase("extract(year FROM e.date)::integer - p.birth_year");
            const string Cell = "region_id, year, period, district, measure, disability_group, sex, age_band";
            return $"""
                SELECT * FROM (
                    WITH x AS (
                        SELECT d.region_id, extract(year FROM e.date)::integer AS year, periods.period, dm.district, dm.measure, p.disability_group, p.sex, {band} AS age_band,
                               e.participant_id, e.record_key AS event_key, p.record_key AS person_key
                        FROM (SELECT participant_id, measure_id, district_id, date, record_key FROM placements
                              UNION ALL SELECT participant_id, (SELECT id FROM support_measures WHERE kind = 'Grant'), district_id, date, record_key FROM grants) e
                        JOIN participants p ON p.id = e.participant_id JOIN districts d ON d.id = e.district_id
                        CROSS JOIN LATERAL (VALUES (4095), (7), (56), (448), (3584), (1 << ({month} - 1))) periods(period)
                        CROSS JOIN (VALUES (false), (true)) by_district(split) CROSS JOIN (VALUES (false), (true)) by_measure(split)
                        CROSS JOIN LATERAL (SELECT CASE WHEN by_district.split THEN e.district_id ELSE 0 END AS district,
                                                   CASE WHEN by_measure.split THEN e.measure_id ELSE 0 END AS measure) dm
                        WHERE periods.period & (1 << ({month} - 1)) <> 0 AND dm.measure IS NOT NULL)
                    SELECT {Cell}, ev.events, ev.event_keys, pp.people, pp.person_keys
                    FROM (SELECT {Cell}, count(*)::bigint AS events, sum(event_key)::bigint AS event_keys FROM x GROUP BY 1, 2, 3, 4, 5, 6, 7, 8) ev
                    JOIN (SELECT {Cell}, count(*)::bigint AS people, sum(person_key)::bigint AS person_keys
                          FROM (SELECT DISTINCT {Cell}, participant_id, person_key FROM x) y GROUP BY 1, 2, 3, 4, 5, 6, 7, 8) pp USING (region_id, year, period, district, measure, disability_group, sex, age_band)
                ) recomputed
                """;
        }
    }

    private async Task AssertRollupsMatchAsync(string step)
    {
        foreach (var (table, difference) in Differences)
        {
            var rows = await _database.ScalarAsync(difference);
            Assert.True(rows == 0, $"after \"{step}\": {rows} rows of {table} differ from the base tables");
        }
    }

    /// <summary>Thousands of placements and hundreds of grants over 2024–2025, each kind in one INSERT … SELECT statement.</summary>
    private async Task InsertEventsAsync() => await ExecuteAsync(
        $"""
        INSERT INTO placements (participant_id, measure_id, district_id, date)
        SELECT (SELECT id FROM participants ORDER BY id OFFSET (n * 7919) % 300 LIMIT 1),
               CASE WHEN n % 3 = 0 THEN {_measures[MeasureCodes.PublicWorks]} ELSE {_measures[MeasureCodes.Vacancy]} END,
               (ARRAY[{_districts["north"]}, {_districts["south"]}, {_districts["east"]}, {_districts["far"]}])[1 + (n / 5) % 4],
               DATE '2024-01-01' + (n * 37) % 730
        FROM generate_series(1, 6000) n;
        INSERT INTO grants (participant_id, district_id, amount_kzt, mci_kzt, sector, date)
        SELECT (SELECT id FROM participants ORDER BY id OFFSET (n * 104729) % 300 LIMIT 1),
               (ARRAY[{_districts["north"]}, {_districts["south"]}, {_districts["east"]}])[1 + n % 3],
               (380 + n % 41) * CASE WHEN n % 2 = 0 THEN 3692 ELSE 3932 END + 0.37 * (n % 3),
               CASE WHEN n % 2 = 0 THEN 3692 ELSE 3932 END,
               (ARRAY['Agriculture', 'Manufacturing', 'Crafts', 'Trade', 'Services', 'Food'])[1 + n % 6],
               DATE '2024-01-01' + (n * 53) % 730
        FROM generate_series(1, 400) n;
        """);

    /// <summary>
    /// 200 employers over the four districts, each with quotas in force for 2024 and 2025 (some skipped) and some with a
    /// pending application for 2026, and special workplaces; each table in one INSERT … SELECT statement.
    /// </summary>
    private async Task InsertQuotasAsync() => await ExecuteAsync(
        $"""
        INSERT INTO employers (bin, name, district_id, headcount)
        SELECT lpad((7000 + n)::text, 12, '0'), 'Employer ' || n,
               (ARRAY[{_districts["north"]}, {_districts["south"]}, {_districts["east"]}, {_districts["far"]}])[1 + n % 4], 50 + n * 7 % 400
        FROM generate_series(1, 200) n
        ON CONFLICT (bin) DO NOTHING;
        INSERT INTO employer_quotas (employer_id, year, places_set, places_filled, status)
        SELECT e.id, y, 1 + (e.id * y) % 9, ((e.id * y) % 9) * (e.id % 3) / 2, 'InForce'
        FROM employers e CROSS JOIN (VALUES (2024), (2025)) years(y) WHERE (e.id + y) % 5 <> 0 AND e.name LIKE 'Employer %'
        UNION ALL
        SELECT e.id, 2026, 2 + e.id % 4, 0, 'ApplicationPending' FROM employers e WHERE e.id % 3 = 0 AND e.name LIKE 'Employer %';
        INSERT INTO special_workplaces (employer_id, year, impairment_type, count)
        SELECT e.id, 2024 + (e.id / 8) % 2, (ARRAY['Hearing', 'Vision', 'Mobility'])[1 + (e.id / 2) % 3], 1 + e.id % 4
        FROM employers e WHERE e.id % 2 = 0 AND e.name LIKE 'Employer %';
        """);

    /// <summary>The plan of each recorded statement, explained on a connection of its own with <paramref name="settings"/> (SET statements) first.</summary>
    private async Task<List<(string Sql, string Plan)>> PlansAsync(IEnumerable<(string Sql, NpgsqlParameter[] Parameters)> commands, string settings)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using (var setting = new NpgsqlCommand(settings, connection))
        {
            await setting.ExecuteNonQueryAsync();
        }

        var plans = new List<(string Sql, string Plan)>();
        foreach (var (sql, parameters) in commands)
        {
            await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection);
            explain.Parameters.AddRange(parameters);
            plans.Add((sql, string.Join('\n', await ReadAllAsync(explain))));
        }

        return plans;
    }

    private static async Task<List<string>> ReadAllAsync(NpgsqlCommand command)
    {
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    /// <summary>
    /// Runs <paramref name="first"/> in an open transaction, starts <paramref name="second"/> in another, commits
    /// the first a moment later and waits for the second to commit.
    /// </summary>
    private async Task RaceAsync(string first, string second)
    {
        await using var a = new NpgsqlConnection(_database.ConnectionString);
        await a.OpenAsync();
        await using var transaction = await a.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(first, a, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        var other = ExecuteAsync(second);
        await Task.WhenAny(other, Task.Delay(TimeSpan.FromSeconds(1)));
        await transaction.CommitAsync();
        await other;
    }

    private async Task<string> FirstParticipantAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id::text FROM participants ORDER BY id LIMIT 1", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A filter from "key=value;…" (year, from, to as yyyy-MM, district and measure codes, enum names).</summary>
    private DashboardFilter Parse(string spec)
    {
        var parts = spec.Split(';').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1].Split(','));
        var period = parts.TryGetValue("year", out var year)
            ? ReportingPeriod.ForYear(int.Parse(year[0], CultureInfo.InvariantCulture))
            : new ReportingPeriod(
                DateOnly.ParseExact(parts["from"][0] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateOnly.ParseExact(parts["to"][0] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(1).AddDays(-1));
        string[] Values(string key) => parts.GetValueOrDefault(key) ?? [];
        return new DashboardFilter
        {
            Region = _region,
            Period = period,
            DistrictIds = [.. Values("district").Select(c => _districts[c])],
            MeasureIds = [.. Values("measure").Select(c => _measures[c])],
            Groups = [.. Values("group").Select(Enum.Parse<DisabilityGroup>)],
            Sexes = [.. Values("sex").Select(Enum.Parse<Sex>)],
            AgeBands = [.. Values("age").Select(Enum.Parse<AgeBand>)],
        };
    }

    /// <summary>Keeps the text and parameters of every query EF Core sends.</summary>
    private sealed class CommandRecorder : DbCommandInterceptor
    {
        public List<(string Sql, NpgsqlParameter[] Parameters)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add((command.CommandText, [.. command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone())]));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
