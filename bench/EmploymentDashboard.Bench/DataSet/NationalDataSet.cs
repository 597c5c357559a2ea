using System.Diagnostics;
using EmploymentDashboard.Data.Demo;
using EmploymentDashboard.Data.Entities;
using Npgsql;
using NpgsqlTypes;

namespace EmploymentDashboard.Bench.DataSet;

/// <summary>
/// Fills a migrated, empty dashboard database with the national-scale synthetic data set, deterministically from a
/// seed: 20 regions (Karaganda and its 13 real districts first, then 19 synthetic regions with synthetic districts,
/// each with names in three languages and a validity), the eight real measures, disability populations per district
/// and year, employers with quotas and special workplaces, participants, placements over ten years (2016–2025) and
/// business grants. Every row goes into the app's real tables with INSERT or binary COPY, so any trigger on them
/// runs; the secondary indexes of placements and grants are dropped during the load and rebuilt after it.
/// Events happen in the participant's home district, on a date when that district is valid (Karaganda's districts
/// exist since 8 June 2022, the synthetic ones since 2016), and every participant has at least one placement.
/// </summary>
public sealed class NationalDataSet(DataSetSize size, int seed)
{
    public const int DefaultSeed = 20_160_101;

    /// <summary>Rows per COPY statement: statement-level triggers see batches of this size, not one huge one.</summary>
    private const int CopyBatch = 500_000;

    private static readonly DateOnly _firstDay = new(DataSetSize.FirstYear, 1, 1);

    private static readonly DateOnly _lastDay = new(DataSetSize.LastYear, 12, 31);

    private static readonly DateTimeOffset _lastUpdated = new(2026, 1, 15, 4, 0, 0, TimeSpan.Zero);

    /// <summary>The monthly calculation index (MCI) in tenge by year, as the law on the republican budget set it (from 1 January).</summary>
    private static readonly Dictionary<int, int> _mci = new()
    {
        [2016] = 2_121, [2017] = 2_269, [2018] = 2_405, [2019] = 2_525, [2020] = 2_778,
        [2021] = 2_917, [2022] = 3_063, [2023] = 3_450, [2024] = 3_692, [2025] = 3_932,
    };

    private readonly Random _random = new(seed);

    public DataSetSize Size => size;

    public int Seed => seed;

    /// <summary>Loads the data set; refuses a database that already has a territory or a dataset record.</summary>
    public async Task LoadAsync(NpgsqlConnection connection, Action<string> log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using (var check = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM regions) OR EXISTS (SELECT 1 FROM dataset_info)", connection))
        {
            if ((bool)(await check.ExecuteScalarAsync(cancellationToken))!)
            {
                throw new InvalidOperationException("the database already holds data; the national data set is loaded into a freshly migrated, empty database only");
            }
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, "SET LOCAL maintenance_work_mem = '512MB'", cancellationToken);
        var dropped = await DropSecondaryIndexesAsync(connection, ["placements", "grants"], cancellationToken);

        var districts = await InsertTerritoryAsync(connection, cancellationToken);
        var measures = await InsertMeasuresAsync(connection, cancellationToken);
        await InsertPopulationsAsync(connection, districts, cancellationToken);
        log($"territory: {DataSetSize.RegionCount} regions, {districts.Count} districts, {measures.Count} measures ({clock.Elapsed.TotalSeconds:0} s)");

        var employers = await InsertEmployersAsync(connection, districts, cancellationToken);
        log($"employers: {size.Employers:N0} with quotas and special workplaces ({clock.Elapsed.TotalSeconds:0} s)");

        var participants = await InsertParticipantsAsync(connection, districts, cancellationToken);
        log($"participants: {size.Participants:N0} ({clock.Elapsed.TotalSeconds:0} s)");

        await InsertPlacementsAsync(connection, districts, measures, employers, participants, log, clock, cancellationToken);
        await InsertGrantsAsync(connection, districts, participants, cancellationToken);
        log($"placements: {size.Placements:N0}, grants: {size.Grants:N0} ({clock.Elapsed.TotalSeconds:0} s)");

        await using (var info = new NpgsqlCommand(
            "INSERT INTO dataset_info (is_demo, description, reporting_year, last_updated) VALUES (true, @description, @year, @updated)", connection))
        {
            info.Parameters.AddWithValue("description", $"Synthetic national benchmark data set: {DataSetSize.RegionCount} regions, {size.Placements:N0} placements {DataSetSize.FirstYear}–{DataSetSize.LastYear} (seed {seed}). Not real people.");
            info.Parameters.AddWithValue("year", DataSetSize.LastYear);
            info.Parameters.AddWithValue("updated", _lastUpdated);
            await info.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var definition in dropped)
        {
            await ExecuteAsync(connection, definition, cancellationToken);
        }

        log($"secondary indexes rebuilt ({clock.Elapsed.TotalSeconds:0} s)");
        await transaction.CommitAsync(cancellationToken);
        await ExecuteAsync(connection, "VACUUM (ANALYZE)", cancellationToken);
        log($"committed, vacuumed and analysed in {clock.Elapsed.TotalSeconds:0} s");
    }

    private static async Task<List<string>> DropSecondaryIndexesAsync(NpgsqlConnection connection, string[] tables, CancellationToken cancellationToken)
    {
        var definitions = new List<(string Name, string Definition)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT indexname, indexdef FROM pg_indexes
            WHERE schemaname = current_schema() AND tablename = ANY(@tables)
              AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid IN (SELECT oid FROM pg_class WHERE relname = ANY(@tables)))
            ORDER BY indexname
            """, connection))
        {
            command.Parameters.AddWithValue("tables", tables);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                definitions.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in definitions)
        {
            await ExecuteAsync(connection, $"DROP INDEX \"{name}\"", cancellationToken);
        }

        return [.. definitions.Select(d => d.Definition)];
    }

    private async Task<List<DistrictRow>> InsertTerritoryAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var karaganda = KaragandaTerritory.CreateRegion();
        var regions = new List<(string Code, LocalizedName Name)> { (karaganda.Code, karaganda.Name) };
        for (var r = 1; r < DataSetSize.RegionCount; r++)
        {
            regions.Add(($"synthetic-region-{r:00}", new LocalizedName($"Синтетическая область {r}", $"Синтетикалық облыс {r}", $"Synthetic Region {r}")));
        }

        var regionIds = new List<int>();
        foreach (var (code, name) in regions)
        {
            await using var command = new NpgsqlCommand("INSERT INTO regions (code, name_ru, name_kk, name_en) VALUES (@code, @ru, @kk, @en) RETURNING id", connection);
            command.Parameters.AddWithValue("code", code);
            command.Parameters.AddWithValue("ru", name.Ru);
            command.Parameters.AddWithValue("kk", name.Kk);
            command.Parameters.AddWithValue("en", name.En);
            regionIds.Add((int)(await command.ExecuteScalarAsync(cancellationToken))!);
        }

        var districts = new List<District>(KaragandaTerritory.CreateDistricts(karaganda));
        foreach (var district in districts)
        {
            district.RegionId = regionIds[0];
        }

        for (var r = 1; r < DataSetSize.RegionCount; r++)
        {
            var latitude = 42.5 + (_random.NextDouble() * 10);
            var longitude = 52 + (_random.NextDouble() * 30);
            var count = 8 + _random.Next(10);
            for (var d = 1; d <= count; d++)
            {
                var city = d <= 2;
                var population = city ? 80_000 + _random.Next(400_000) : 15_000 + _random.Next(60_000);
                districts.Add(new District
                {
                    RegionId = regionIds[r],
                    Code = $"synthetic-{r:00}-{(city ? "city" : "district")}-{d:00}",
                    Kind = city ? DistrictKind.City : DistrictKind.District,
                    Name = city
                        ? new LocalizedName($"Синтетический город {r}-{d}", $"Синтетикалық қала {r}-{d}", $"Synthetic City {r}-{d}")
                        : new LocalizedName($"Синтетический район {r}-{d}", $"Синтетикалық аудан {r}-{d}", $"Synthetic District {r}-{d}"),
                    Population = population,
                    PopulationYear = 2023,
                    PopulationIsEstimate = _random.Next(5) == 0,
                    Latitude = Math.Round(latitude + (_random.NextDouble() * 2) - 1, 2),
                    Longitude = Math.Round(longitude + (_random.NextDouble() * 2) - 1, 2),
                    ValidFrom = _firstDay,
                    SortOrder = d,
                });
            }
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY districts (region_id, code, kato_code, kind, population, population_year, population_is_estimate, latitude, longitude, valid_from, valid_to, sort_order, name_ru, name_kk, name_en) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var d in districts)
            {
                writer.StartRow();
                writer.Write(d.RegionId, NpgsqlDbType.Integer);
                writer.Write(d.Code, NpgsqlDbType.Varchar);
                writer.WriteNull();
                writer.Write(d.Kind.ToString(), NpgsqlDbType.Varchar);
                writer.Write(d.Population, NpgsqlDbType.Integer);
                writer.Write(d.PopulationYear, NpgsqlDbType.Integer);
                writer.Write(d.PopulationIsEstimate, NpgsqlDbType.Boolean);
                writer.Write(d.Latitude, NpgsqlDbType.Double);
                writer.Write(d.Longitude, NpgsqlDbType.Double);
                writer.Write(d.ValidFrom, NpgsqlDbType.Date);
                writer.WriteNull();
                writer.Write(d.SortOrder, NpgsqlDbType.Integer);
                writer.Write(d.Name.Ru, NpgsqlDbType.Varchar);
                writer.Write(d.Name.Kk, NpgsqlDbType.Varchar);
                writer.Write(d.Name.En, NpgsqlDbType.Varchar);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        var ids = await ReadIdsAsync(connection, "SELECT id FROM districts ORDER BY id", cancellationToken);
        return [.. districts.Select((d, i) => new DistrictRow((int)ids[i], d.Population, d.ValidFrom > _firstDay ? d.ValidFrom : _firstDay))];
    }

    private static async Task<List<MeasureRow>> InsertMeasuresAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var measures = new List<MeasureRow>();
        foreach (var m in KaragandaTerritory.CreateMeasures())
        {
            await using var command = new NpgsqlCommand(
                "INSERT INTO support_measures (code, kind, sort_order, name_ru, name_kk, name_en) VALUES (@code, @kind, @order, @ru, @kk, @en) RETURNING id", connection);
            command.Parameters.AddWithValue("code", m.Code);
            command.Parameters.AddWithValue("kind", m.Kind.ToString());
            command.Parameters.AddWithValue("order", m.SortOrder);
            command.Parameters.AddWithValue("ru", m.Name.Ru);
            command.Parameters.AddWithValue("kk", m.Name.Kk);
            command.Parameters.AddWithValue("en", m.Name.En);
            measures.Add(new MeasureRow((int)(await command.ExecuteScalarAsync(cancellationToken))!, m.Code, m.Kind));
        }

        return measures;
    }

    private static async Task InsertPopulationsAsync(NpgsqlConnection connection, List<DistrictRow> districts, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY disability_populations (district_id, year, people_with_disabilities, working_age, employed) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var district in districts)
        {
            for (var year = district.ValidFrom.Year; year <= DataSetSize.LastYear; year++)
            {
                var people = district.Population * (40 + ((district.Id + year) % 10)) / 1000;
                var workingAge = people * 55 / 100;
                writer.StartRow();
                writer.Write(district.Id, NpgsqlDbType.Integer);
                writer.Write(year, NpgsqlDbType.Integer);
                writer.Write(people, NpgsqlDbType.Integer);
                writer.Write(workingAge, NpgsqlDbType.Integer);
                writer.Write(workingAge * (25 + (year - DataSetSize.FirstYear)) / 100, NpgsqlDbType.Integer);
            }
        }

        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>Employers (unique, valid BINs), one in-force quota a year from a start year, some pending applications, and special workplaces.</summary>
    private async Task<int[][]> InsertEmployersAsync(NpgsqlConnection connection, List<DistrictRow> districts, CancellationToken cancellationToken)
    {
        var districtOf = new int[size.Employers];
        var headcounts = new int[size.Employers];
        var weights = Cumulative(districts.Select(d => (double)d.Population));
        await using (var writer = await connection.BeginBinaryImportAsync("COPY employers (bin, name, district_id, headcount) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var i = 0; i < size.Employers; i++)
            {
                districtOf[i] = Pick(weights);
                headcounts[i] = 50 + (int)(950 * Math.Pow(_random.NextDouble(), 3));
                writer.StartRow();
                writer.Write(Bin(i), NpgsqlDbType.Char);
                writer.Write($"ТОО «Синтетика {i + 1}»", NpgsqlDbType.Varchar);
                writer.Write(districts[districtOf[i]].Id, NpgsqlDbType.Integer);
                writer.Write(headcounts[i], NpgsqlDbType.Integer);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        var ids = await ReadIdsAsync(connection, "SELECT id FROM employers ORDER BY id", cancellationToken);
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY employer_quotas (employer_id, year, places_set, places_filled, status) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var i = 0; i < size.Employers; i++)
            {
                var start = Math.Max(districts[districtOf[i]].ValidFrom.Year, DataSetSize.FirstYear + _random.Next(10));
                var places = Math.Max(1, headcounts[i] * (2 + _random.Next(3)) / 100);
                for (var year = start; year <= DataSetSize.LastYear; year++)
                {
                    WriteQuota(writer, (int)ids[i], year, places, _random.Next(places + 1), QuotaStatus.InForce);
                }

                if (_random.Next(20) == 0)
                {
                    WriteQuota(writer, (int)ids[i], DataSetSize.LastYear, places + 1, 0, QuotaStatus.ApplicationPending);
                }
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY special_workplaces (employer_id, year, impairment_type, disability_group, count) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            var types = Enum.GetValues<ImpairmentType>();
            for (var i = 0; i < size.Employers; i += 10)
            {
                writer.StartRow();
                writer.Write((int)ids[i], NpgsqlDbType.Integer);
                writer.Write(Math.Max(districts[districtOf[i]].ValidFrom.Year, DataSetSize.FirstYear + _random.Next(10)), NpgsqlDbType.Integer);
                writer.Write(types[_random.Next(types.Length)].ToString(), NpgsqlDbType.Varchar);
                if (_random.Next(2) == 0)
                {
                    writer.WriteNull();
                }
                else
                {
                    writer.Write((short)(1 + _random.Next(3)), NpgsqlDbType.Smallint);
                }

                writer.Write(1 + _random.Next(5), NpgsqlDbType.Integer);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        // Employers by district, for placements with an employer in the participant's district.
        var byDistrict = new List<int>[districts.Count];
        for (var d = 0; d < districts.Count; d++)
        {
            byDistrict[d] = [];
        }

        for (var i = 0; i < size.Employers; i++)
        {
            byDistrict[districtOf[i]].Add((int)ids[i]);
        }

        return [.. byDistrict.Select(list => list.ToArray())];
    }

    private static void WriteQuota(NpgsqlBinaryImporter writer, int employerId, int year, int set, int filled, QuotaStatus status)
    {
        writer.StartRow();
        writer.Write(employerId, NpgsqlDbType.Integer);
        writer.Write(year, NpgsqlDbType.Integer);
        writer.Write(set, NpgsqlDbType.Integer);
        writer.Write(filled, NpgsqlDbType.Integer);
        writer.Write(status.ToString(), NpgsqlDbType.Varchar);
    }

    private async Task<ParticipantRows> InsertParticipantsAsync(NpgsqlConnection connection, List<DistrictRow> districts, CancellationToken cancellationToken)
    {
        var participants = new ParticipantRows(new Guid[size.Participants], new int[size.Participants]);
        var weights = Cumulative(districts.Select(d => (double)d.Population));
        var bytes = new byte[16];
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY participants (id, disability_group, sex, birth_year, district_id) FROM STDIN (FORMAT BINARY)", cancellationToken);
        for (var i = 0; i < size.Participants; i++)
        {
            _random.NextBytes(bytes);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            var id = new Guid(bytes);
            var district = Pick(weights);
            participants.Ids[i] = id;
            participants.Districts[i] = district;
            var group = _random.Next(10) switch { 0 => 1, < 4 => 2, _ => 3 };
            writer.StartRow();
            writer.Write(id, NpgsqlDbType.Uuid);
            writer.Write((short)group, NpgsqlDbType.Smallint);
            writer.Write(_random.Next(100) < 46 ? nameof(Sex.Female) : nameof(Sex.Male), NpgsqlDbType.Varchar);
            writer.Write(1955 + _random.Next(44), NpgsqlDbType.Integer);
            writer.Write(districts[district].Id, NpgsqlDbType.Integer);
        }

        await writer.CompleteAsync(cancellationToken);
        return participants;
    }

    private async Task InsertPlacementsAsync(
        NpgsqlConnection connection, List<DistrictRow> districts, List<MeasureRow> measures, int[][] employers, ParticipantRows participants,
        Action<string> log, Stopwatch clock, CancellationToken cancellationToken)
    {
        // Shares of the placement measures (grants are their own table); training has no employer.
        var shares = new Dictionary<string, double>
        {
            [MeasureCodes.Vacancy] = 40, [MeasureCodes.SocialJobs] = 15, [MeasureCodes.PublicWorks] = 20, [MeasureCodes.YouthPractice] = 8,
            [MeasureCodes.FirstJob] = 5, [MeasureCodes.SilverAge] = 4, [MeasureCodes.Training] = 8,
        };
        var placementMeasures = measures.Where(m => m.Kind != MeasureKind.Grant).ToList();
        var weights = Cumulative(placementMeasures.Select(m => shares.GetValueOrDefault(m.Code, 1)));
        long written = 0;
        while (written < size.Placements)
        {
            var batch = Math.Min(CopyBatch, size.Placements - written);
            await using (var writer = await connection.BeginBinaryImportAsync(
                "COPY placements (participant_id, measure_id, district_id, date, employer_id) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                for (long i = written; i < written + batch; i++)
                {
                    // The first placements give every participant one; the rest pick participants at random.
                    var p = i < size.Participants ? (int)i : _random.Next(size.Participants);
                    var district = participants.Districts[p];
                    var measure = placementMeasures[Pick(weights)];
                    var local = employers[district];
                    writer.StartRow();
                    writer.Write(participants.Ids[p], NpgsqlDbType.Uuid);
                    writer.Write(measure.Id, NpgsqlDbType.Integer);
                    writer.Write(districts[district].Id, NpgsqlDbType.Integer);
                    writer.Write(RandomDate(districts[district].ValidFrom), NpgsqlDbType.Date);
                    if (measure.Kind == MeasureKind.Training || local.Length == 0 || _random.Next(10) == 0)
                    {
                        writer.WriteNull();
                    }
                    else
                    {
                        writer.Write(local[_random.Next(local.Length)], NpgsqlDbType.Integer);
                    }
                }

                await writer.CompleteAsync(cancellationToken);
            }

            written += batch;
            log($"  placements: {written:N0} of {size.Placements:N0} ({clock.Elapsed.TotalSeconds:0} s)");
        }
    }

    private async Task InsertGrantsAsync(NpgsqlConnection connection, List<DistrictRow> districts, ParticipantRows participants, CancellationToken cancellationToken)
    {
        var sectors = Enum.GetValues<BusinessSector>();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY grants (participant_id, district_id, amount_kzt, mci_kzt, sector, date) FROM STDIN (FORMAT BINARY)", cancellationToken);
        for (var i = 0; i < size.Grants; i++)
        {
            var p = _random.Next(size.Participants);
            var district = participants.Districts[p];
            var date = RandomDate(districts[district].ValidFrom);
            var mci = _mci[date.Year];
            writer.StartRow();
            writer.Write(participants.Ids[p], NpgsqlDbType.Uuid);
            writer.Write(districts[district].Id, NpgsqlDbType.Integer);
            writer.Write((decimal)mci * (200 + (10 * _random.Next(21))), NpgsqlDbType.Numeric);
            writer.Write(mci, NpgsqlDbType.Integer);
            writer.Write(sectors[_random.Next(sectors.Length)].ToString(), NpgsqlDbType.Varchar);
            writer.Write(date, NpgsqlDbType.Date);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>A unique, valid 12-digit BIN for employer number <paramref name="i"/>: registration year and month, legal-entity type, serial, check digit.</summary>
    public static string Bin(int i)
    {
        var serial = i / 120;
        for (var type = 40; ; type++)
        {
            var first11 = $"{10 + (i % 10):00}{1 + (i / 10 % 12):00}{type}{serial:00000}";
            var check = BusinessIdentificationNumber.CheckDigit(first11);
            if (check >= 0)
            {
                return first11 + check;
            }
        }
    }

    private DateOnly RandomDate(DateOnly from)
    {
        var start = from > _firstDay ? from : _firstDay;
        return start.AddDays(_random.Next(_lastDay.DayNumber - start.DayNumber + 1));
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var sum = 0.0;
        return [.. weights.Select(w => sum += w)];
    }

    private int Pick(double[] cumulative)
    {
        var x = _random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, x);
        return Math.Min(index >= 0 ? index + 1 : ~index, cumulative.Length - 1);
    }

    private static async Task<List<long>> ReadIdsAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }

        return ids;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record DistrictRow(int Id, int Population, DateOnly ValidFrom);

    private sealed record MeasureRow(int Id, string Code, MeasureKind Kind);

    private sealed record ParticipantRows(Guid[] Ids, int[] Districts);
}
