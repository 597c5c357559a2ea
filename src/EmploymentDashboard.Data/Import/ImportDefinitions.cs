using NpgsqlTypes;

namespace EmploymentDashboard.Data.Import;

/// <summary>The datasets a file can bring in.</summary>
public enum ImportDataset
{
    /// <summary>Participants and their support events (placements into vacancies, subsidised jobs, training).</summary>
    Placements,

    /// <summary>Employers and their quotas for the year, with special workplaces and pending applications.</summary>
    Quotas,

    /// <summary>Business grants with their participants.</summary>
    Grants,

    /// <summary>Yearly context per district: people with disabilities, of working age, employed.</summary>
    Population,
}

/// <summary>What a column holds, for the documentation of the columns and the example row of a template.</summary>
public enum ImportValueKind
{
    Iin,
    Bin,
    Group,
    Sex,
    Year,
    District,
    Measure,
    Date,
    WholeNumber,
    Amount,
    Text,
    Sector,
    QuotaStatus,
    Impairment,
    ParticipantId,
}

/// <summary>
/// One column of an import file: its code (the header), what it holds, whether it is required, an example value,
/// and for a column that may stand in for a required one, that column's code (a file may give
/// <c>participant_id</c> instead of <c>iin</c>).
/// </summary>
public sealed record ImportColumn(string Code, ImportValueKind Kind, bool Required, string Example, string? Instead = null);

/// <summary>A column of the staging table rows are copied into.</summary>
internal sealed record StageColumn(string Name, NpgsqlDbType Type);

/// <summary>
/// One importable dataset: the columns of its file, how a row becomes a staging row, and the SQL that checks
/// the staged rows against each other and the database, counts what would change and merges them (upsert by
/// the natural key). Every statement works on the whole staging table at once.
/// </summary>
public abstract class ImportDefinition
{
    /// <summary>Built on first use: the definitions use the shared column lists below, which must exist first.</summary>
    private static readonly Lazy<IReadOnlyList<ImportDefinition>> _all = new(() => [new PlacementImport(), new QuotaImport(), new GrantImport(), new PopulationImport()]);

    public static IReadOnlyList<ImportDefinition> All => _all.Value;

    public abstract ImportDataset Dataset { get; }

    /// <summary>The dataset's code in addresses and file names.</summary>
    public string Code => Dataset.ToString().ToLowerInvariant();

    public abstract IReadOnlyList<ImportColumn> Columns { get; }

    /// <summary>What identifies a row, for the documentation (column codes).</summary>
    public abstract IReadOnlyList<string> NaturalKey { get; }

    internal abstract IReadOnlyList<StageColumn> Stage { get; }

    /// <summary>Queries returning problems (row_no, column, code, detail) between rows or against the database.</summary>
    internal abstract IReadOnlyList<string> CheckSql { get; }

    /// <summary>One query returning (added, updated) for the staged rows; the rest are unchanged.</summary>
    internal abstract string ClassifySql { get; }

    /// <summary>The merge, in order.</summary>
    internal abstract IReadOnlyList<string> MergeSql { get; }

    public static ImportDefinition? Find(string? code) => All.FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.OrdinalIgnoreCase));

    public static ImportDefinition For(ImportDataset dataset) => All.Single(d => d.Dataset == dataset);

    /// <summary>Reads one row into its staging values (row number first), or null when a cell had a problem.</summary>
    internal abstract object?[]? Parse(ImportCells cells);

    /// <summary>A duplicate of the natural key inside the file, reported at every row after the first.</summary>
    private protected static string DuplicateSql(string column, string key) => $"""
        SELECT row_no, '{column}', 'DuplicateInFile', first_row::text
        FROM (SELECT row_no, min(row_no) OVER (PARTITION BY {key}) AS first_row FROM import_stage) d
        WHERE row_no <> first_row
        """;

    /// <summary>Rows of one person (or employer) that disagree with its first row on the attributes kept once per person.</summary>
    private protected static string DiffersSql(string column, string code, string key, string attributes) => $"""
        SELECT s.row_no, '{column}', '{code}', f.row_no::text
        FROM import_stage s
        JOIN (SELECT DISTINCT ON ({key}) * FROM import_stage ORDER BY {key}, row_no) f ON f.{key} = s.{key}
        WHERE ({Prefixed("s", attributes)}) IS DISTINCT FROM ({Prefixed("f", attributes)})
        """;

    private protected static string Prefixed(string alias, string columns) =>
        string.Join(", ", columns.Split(',', StringSplitOptions.TrimEntries).Select(c => $"{alias}.{c}"));

    /// <summary>The participants of the staged rows: updated where the file says something new, added where unknown.</summary>
    private protected static readonly string[] _participantMerge =
    [
        """
        UPDATE participants pa SET disability_group = s.disability_group, sex = s.sex, birth_year = s.birth_year, district_id = s.district_id
        FROM (SELECT DISTINCT ON (participant_id) * FROM import_stage ORDER BY participant_id, row_no) s
        WHERE pa.id = s.participant_id
          AND (pa.disability_group, pa.sex, pa.birth_year, pa.district_id) IS DISTINCT FROM (s.disability_group, s.sex, s.birth_year, s.district_id)
        """,
        """
        INSERT INTO participants (id, disability_group, sex, birth_year, district_id)
        SELECT DISTINCT ON (participant_id) participant_id, disability_group, sex, birth_year, district_id
        FROM import_stage s
        WHERE NOT EXISTS (SELECT 1 FROM participants pa WHERE pa.id = s.participant_id)
        ORDER BY participant_id, row_no
        """,
    ];

    private protected const string ParticipantDiffers =
        "(pa.id IS NOT NULL AND (pa.disability_group, pa.sex, pa.birth_year, pa.district_id) IS DISTINCT FROM (s.disability_group, s.sex, s.birth_year, s.district_id))";

    private protected static readonly StageColumn[] _personStage =
    [
        new("row_no", NpgsqlDbType.Integer),
        new("participant_id", NpgsqlDbType.Uuid),
        new("disability_group", NpgsqlDbType.Smallint),
        new("sex", NpgsqlDbType.Text),
        new("birth_year", NpgsqlDbType.Integer),
        new("district_id", NpgsqlDbType.Integer),
    ];

    /// <summary>
    /// The column that may replace <c>iin</c> in a file that has no IIN (the demo files, records exported with their
    /// pseudonymous ids): the participant id as it is stored, taken as it is.
    /// </summary>
    public const string ParticipantIdColumn = "participant_id";

    private protected static readonly ImportColumn[] _personColumns =
    [
        new("iin", ImportValueKind.Iin, true, "850312400153"),
        new("disability_group", ImportValueKind.Group, true, "2"),
        new("sex", ImportValueKind.Sex, true, "female"),
        new("birth_year", ImportValueKind.Year, true, "1985"),
        new("district", ImportValueKind.District, true, "karaganda-city"),
        new(ParticipantIdColumn, ImportValueKind.ParticipantId, false, string.Empty, Instead: "iin"),
    ];

    private protected static object?[]? PersonValues(ImportCells cells, int extra)
    {
        var values = new object?[6 + extra];
        values[0] = (int)cells.RowNumber;
        values[1] = cells.Person("iin", ParticipantIdColumn);
        values[2] = cells.Group("disability_group", required: true);
        values[3] = cells.Sex("sex");
        values[4] = cells.Whole("birth_year", true, 1900, cells.References.Year - 14);
        values[5] = cells.District("district");
        return values;
    }
}

/// <summary>Participants and their support events; natural key: person, measure, date.</summary>
internal sealed class PlacementImport : ImportDefinition
{
    public override ImportDataset Dataset => ImportDataset.Placements;

    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        .. _personColumns,
        new("measure", ImportValueKind.Measure, true, "vacancy"),
        new("date", ImportValueKind.Date, true, "15.03.2025"),
        new("employer_bin", ImportValueKind.Bin, false, string.Empty),
    ];

    public override IReadOnlyList<string> NaturalKey { get; } = ["iin", "measure", "date"];

    internal override IReadOnlyList<StageColumn> Stage { get; } =
    [
        .. _personStage,
        new("measure_id", NpgsqlDbType.Integer),
        new("date", NpgsqlDbType.Date),
        new("employer_bin", NpgsqlDbType.Text),
    ];

    internal override IReadOnlyList<string> CheckSql { get; } =
    [
        DuplicateSql("date", "participant_id, measure_id, date"),
        DiffersSql("iin", "PersonDiffers", "participant_id", "disability_group, sex, birth_year, district_id"),
        """
        SELECT row_no, 'employer_bin', 'UnknownEmployer', employer_bin FROM import_stage s
        WHERE employer_bin IS NOT NULL AND NOT EXISTS (SELECT 1 FROM employers e WHERE e.bin = s.employer_bin)
        """,
    ];

    // Plain joins, not a lookup per row: a large file is hashed against the placements in one pass, where a
    // million index lookups crawled through the dead index entries that the preview's rolled-back merge
    // leaves (30 s of a 1,000,000-row commit); a small file still gets index lookups.
    internal override string ClassifySql => $"""
        WITH matched AS MATERIALIZED (
            SELECT s.row_no, bool_or((p.district_id, p.employer_id) IS DISTINCT FROM (s.district_id, e.id)) AS differs
            FROM import_stage s
            JOIN placements p ON p.participant_id = s.participant_id AND p.measure_id = s.measure_id AND p.date = s.date
            LEFT JOIN employers e ON e.bin = s.employer_bin
            GROUP BY s.row_no)
        SELECT count(*) FILTER (WHERE m.row_no IS NULL),
               count(*) FILTER (WHERE m.row_no IS NOT NULL AND (m.differs OR {ParticipantDiffers}))
        FROM import_stage s
        LEFT JOIN matched m ON m.row_no = s.row_no
        LEFT JOIN participants pa ON pa.id = s.participant_id
        """;

    internal override IReadOnlyList<string> MergeSql { get; } =
    [
        .. _participantMerge,
        """
        UPDATE placements p SET district_id = s.district_id, employer_id = e.id
        FROM import_stage s LEFT JOIN employers e ON e.bin = s.employer_bin
        WHERE p.participant_id = s.participant_id AND p.measure_id = s.measure_id AND p.date = s.date
          AND (p.district_id, p.employer_id) IS DISTINCT FROM (s.district_id, e.id)
        """,
        """
        INSERT INTO placements (participant_id, measure_id, district_id, date, employer_id)
        SELECT s.participant_id, s.measure_id, s.district_id, s.date, e.id
        FROM import_stage s LEFT JOIN employers e ON e.bin = s.employer_bin
        WHERE NOT EXISTS (SELECT 1 FROM placements p WHERE p.participant_id = s.participant_id AND p.measure_id = s.measure_id AND p.date = s.date)
        ORDER BY s.row_no
        """,
    ];

    internal override object?[]? Parse(ImportCells cells)
    {
        var values = PersonValues(cells, 3);
        values![6] = cells.EventMeasure("measure");
        values[7] = cells.Date("date");
        values[8] = cells.Bin("employer_bin", required: false);
        return cells.HasProblems ? null : values;
    }
}

/// <summary>Business grants with their participants; natural key: person, date.</summary>
internal sealed class GrantImport : ImportDefinition
{
    public override ImportDataset Dataset => ImportDataset.Grants;

    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        .. _personColumns,
        new("date", ImportValueKind.Date, true, "2025-06-30"),
        new("amount_kzt", ImportValueKind.Amount, true, "1966000"),
        new("mci_kzt", ImportValueKind.WholeNumber, true, "3932"),
        new("sector", ImportValueKind.Sector, true, "crafts"),
    ];

    public override IReadOnlyList<string> NaturalKey { get; } = ["iin", "date"];

    internal override IReadOnlyList<StageColumn> Stage { get; } =
    [
        .. _personStage,
        new("date", NpgsqlDbType.Date),
        new("amount_kzt", NpgsqlDbType.Numeric),
        new("mci_kzt", NpgsqlDbType.Integer),
        new("sector", NpgsqlDbType.Text),
    ];

    internal override IReadOnlyList<string> CheckSql { get; } =
    [
        DuplicateSql("date", "participant_id, date"),
        DiffersSql("iin", "PersonDiffers", "participant_id", "disability_group, sex, birth_year, district_id"),
    ];

    internal override string ClassifySql => $"""
        SELECT count(*) FILTER (WHERE g.id IS NULL),
               count(*) FILTER (WHERE g.id IS NOT NULL AND ((g.district_id, g.amount_kzt, g.mci_kzt, g.sector) IS DISTINCT FROM (s.district_id, s.amount_kzt, s.mci_kzt, s.sector) OR {ParticipantDiffers}))
        FROM import_stage s
        LEFT JOIN participants pa ON pa.id = s.participant_id
        LEFT JOIN LATERAL (SELECT g.id, g.district_id, g.amount_kzt, g.mci_kzt, g.sector FROM grants g
                           WHERE g.participant_id = s.participant_id AND g.date = s.date LIMIT 1) g ON true
        """;

    internal override IReadOnlyList<string> MergeSql { get; } =
    [
        .. _participantMerge,
        """
        UPDATE grants g SET district_id = s.district_id, amount_kzt = s.amount_kzt, mci_kzt = s.mci_kzt, sector = s.sector
        FROM import_stage s
        WHERE g.participant_id = s.participant_id AND g.date = s.date
          AND (g.district_id, g.amount_kzt, g.mci_kzt, g.sector) IS DISTINCT FROM (s.district_id, s.amount_kzt, s.mci_kzt, s.sector)
        """,
        """
        INSERT INTO grants (participant_id, district_id, amount_kzt, mci_kzt, sector, date)
        SELECT s.participant_id, s.district_id, s.amount_kzt, s.mci_kzt, s.sector, s.date
        FROM import_stage s
        WHERE NOT EXISTS (SELECT 1 FROM grants g WHERE g.participant_id = s.participant_id AND g.date = s.date)
        ORDER BY s.row_no
        """,
    ];

    internal override object?[]? Parse(ImportCells cells)
    {
        var values = PersonValues(cells, 4);
        values![6] = cells.Date("date");
        values[7] = cells.Amount("amount_kzt");
        values[8] = cells.Whole("mci_kzt", true, 1, 1_000_000);
        values[9] = cells.Sector("sector");
        return cells.HasProblems ? null : values;
    }
}

/// <summary>Employers and their quotas of the year, special workplaces and pending applications; natural key: BIN, year, quota status.</summary>
internal sealed class QuotaImport : ImportDefinition
{
    public override ImportDataset Dataset => ImportDataset.Quotas;

    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("bin", ImportValueKind.Bin, true, "050140000656"),
        new("employer_name", ImportValueKind.Text, true, "ТОО «Қарағанды Жарық»"),
        new("district", ImportValueKind.District, true, "Караганда"),
        new("headcount", ImportValueKind.WholeNumber, true, "120"),
        new("year", ImportValueKind.Year, true, "2025"),
        new("quota_status", ImportValueKind.QuotaStatus, true, "in_force"),
        new("places_set", ImportValueKind.WholeNumber, true, "3"),
        new("places_filled", ImportValueKind.WholeNumber, false, "2"),
        new("special_workplaces", ImportValueKind.WholeNumber, false, "1"),
        new("special_impairment", ImportValueKind.Impairment, false, "hearing"),
        new("special_group", ImportValueKind.Group, false, string.Empty),
    ];

    public override IReadOnlyList<string> NaturalKey { get; } = ["bin", "year", "quota_status"];

    internal override IReadOnlyList<StageColumn> Stage { get; } =
    [
        new("row_no", NpgsqlDbType.Integer),
        new("bin", NpgsqlDbType.Text),
        new("employer_name", NpgsqlDbType.Text),
        new("district_id", NpgsqlDbType.Integer),
        new("headcount", NpgsqlDbType.Integer),
        new("year", NpgsqlDbType.Integer),
        new("status", NpgsqlDbType.Text),
        new("places_set", NpgsqlDbType.Integer),
        new("places_filled", NpgsqlDbType.Integer),
        new("special_count", NpgsqlDbType.Integer),
        new("special_impairment", NpgsqlDbType.Text),
        new("special_group", NpgsqlDbType.Smallint),
    ];

    internal override IReadOnlyList<string> CheckSql { get; } =
    [
        DuplicateSql("quota_status", "bin, year, status"),
        DiffersSql("bin", "EmployerDiffers", "bin", "employer_name, district_id, headcount"),
        """
        SELECT row_no, 'special_impairment', 'DuplicateInFile', first_row::text
        FROM (SELECT row_no, min(row_no) OVER (PARTITION BY bin, year, special_impairment, special_group) AS first_row
              FROM import_stage WHERE special_count IS NOT NULL) d
        WHERE row_no <> first_row
        """,
    ];

    internal override string ClassifySql => """
        SELECT count(*) FILTER (WHERE q.id IS NULL),
               count(*) FILTER (WHERE q.id IS NOT NULL AND (
                   (q.places_set, q.places_filled) IS DISTINCT FROM (s.places_set, s.places_filled)
                   OR (e.name, e.district_id, e.headcount) IS DISTINCT FROM (s.employer_name, s.district_id, s.headcount)
                   OR (s.special_count IS NOT NULL AND w.count IS DISTINCT FROM s.special_count)))
        FROM import_stage s
        LEFT JOIN employers e ON e.bin = s.bin
        LEFT JOIN employer_quotas q ON q.employer_id = e.id AND q.year = s.year AND q.status = s.status
        LEFT JOIN LATERAL (SELECT w.count FROM special_workplaces w
                           WHERE w.employer_id = e.id AND w.year = s.year AND w.impairment_type = s.special_impairment
                             AND w.disability_group IS NOT DISTINCT FROM s.special_group LIMIT 1) w ON true
        """;

    internal override IReadOnlyList<string> MergeSql { get; } =
    [
        """
        INSERT INTO employers (bin, name, district_id, headcount)
        SELECT DISTINCT ON (bin) bin, employer_name, district_id, headcount FROM import_stage ORDER BY bin, row_no
        ON CONFLICT (bin) DO UPDATE SET name = EXCLUDED.name, district_id = EXCLUDED.district_id, headcount = EXCLUDED.headcount
        WHERE (employers.name, employers.district_id, employers.headcount) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.district_id, EXCLUDED.headcount)
        """,
        """
        INSERT INTO employer_quotas (employer_id, year, places_set, places_filled, status)
        SELECT e.id, s.year, s.places_set, s.places_filled, s.status FROM import_stage s JOIN employers e ON e.bin = s.bin ORDER BY s.row_no
        ON CONFLICT (employer_id, year, status) DO UPDATE SET places_set = EXCLUDED.places_set, places_filled = EXCLUDED.places_filled
        WHERE (employer_quotas.places_set, employer_quotas.places_filled) IS DISTINCT FROM (EXCLUDED.places_set, EXCLUDED.places_filled)
        """,
        """
        UPDATE special_workplaces w SET count = s.special_count
        FROM import_stage s JOIN employers e ON e.bin = s.bin
        WHERE s.special_count IS NOT NULL AND w.employer_id = e.id AND w.year = s.year AND w.impairment_type = s.special_impairment
          AND w.disability_group IS NOT DISTINCT FROM s.special_group AND w.count <> s.special_count
        """,
        """
        INSERT INTO special_workplaces (employer_id, year, impairment_type, disability_group, count)
        SELECT e.id, s.year, s.special_impairment, s.special_group, s.special_count
        FROM import_stage s JOIN employers e ON e.bin = s.bin
        WHERE s.special_count IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM special_workplaces w WHERE w.employer_id = e.id AND w.year = s.year AND w.impairment_type = s.special_impairment
              AND w.disability_group IS NOT DISTINCT FROM s.special_group)
        ORDER BY s.row_no
        """,
    ];

    internal override object?[]? Parse(ImportCells cells)
    {
        var values = new object?[12];
        values[0] = (int)cells.RowNumber;
        values[1] = cells.Bin("bin", required: true);
        values[2] = cells.Text("employer_name", true, 300);
        values[3] = cells.District("district");
        values[4] = cells.Whole("headcount", true, 1, 10_000_000);
        values[5] = cells.ReportingYear("year");
        values[6] = cells.QuotaStatus("quota_status");
        var set = cells.Whole("places_set", true, 1, 1_000_000);
        var filled = cells.Whole("places_filled", false, 0, 1_000_000) ?? (cells.Raw("places_filled", false) is null ? 0 : null);
        if (set is { } s && filled is { } f && f > s)
        {
            cells.Problem("places_filled", ImportProblemCode.FilledAboveSet, s.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        values[7] = set;
        values[8] = filled;
        values[9] = cells.Whole("special_workplaces", false, 1, 1_000_000);
        values[10] = cells.Impairment("special_impairment", required: false);
        values[11] = cells.Group("special_group", required: false);
        if (!cells.HasProblems && (values[9] is null) != (values[10] is null))
        {
            cells.Problem(values[9] is null ? "special_workplaces" : "special_impairment", ImportProblemCode.SpecialIncomplete);
        }

        if (!cells.HasProblems && values[9] is null && values[11] is not null)
        {
            cells.Problem("special_workplaces", ImportProblemCode.SpecialIncomplete);
        }

        return cells.HasProblems ? null : values;
    }
}

/// <summary>People with disabilities, of working age and employed per district and year; natural key: district, year.</summary>
internal sealed class PopulationImport : ImportDefinition
{
    public override ImportDataset Dataset => ImportDataset.Population;

    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("district", ImportValueKind.District, true, "Абайский район"),
        new("year", ImportValueKind.Year, true, "2025"),
        new("people_with_disabilities", ImportValueKind.WholeNumber, true, "4200"),
        new("working_age", ImportValueKind.WholeNumber, true, "2100"),
        new("employed", ImportValueKind.WholeNumber, true, "840"),
    ];

    public override IReadOnlyList<string> NaturalKey { get; } = ["district", "year"];

    internal override IReadOnlyList<StageColumn> Stage { get; } =
    [
        new("row_no", NpgsqlDbType.Integer),
        new("district_id", NpgsqlDbType.Integer),
        new("year", NpgsqlDbType.Integer),
        new("people_with_disabilities", NpgsqlDbType.Integer),
        new("working_age", NpgsqlDbType.Integer),
        new("employed", NpgsqlDbType.Integer),
    ];

    internal override IReadOnlyList<string> CheckSql { get; } = [DuplicateSql("district", "district_id, year")];

    internal override string ClassifySql => """
        SELECT count(*) FILTER (WHERE p.id IS NULL),
               count(*) FILTER (WHERE p.id IS NOT NULL AND (p.people_with_disabilities, p.working_age, p.employed)
                                     IS DISTINCT FROM (s.people_with_disabilities, s.working_age, s.employed))
        FROM import_stage s LEFT JOIN disability_populations p ON p.district_id = s.district_id AND p.year = s.year
        """;

    internal override IReadOnlyList<string> MergeSql { get; } =
    [
        """
        INSERT INTO disability_populations (district_id, year, people_with_disabilities, working_age, employed)
        SELECT district_id, year, people_with_disabilities, working_age, employed FROM import_stage ORDER BY row_no
        ON CONFLICT (district_id, year) DO UPDATE
        SET people_with_disabilities = EXCLUDED.people_with_disabilities, working_age = EXCLUDED.working_age, employed = EXCLUDED.employed
        WHERE (disability_populations.people_with_disabilities, disability_populations.working_age, disability_populations.employed)
              IS DISTINCT FROM (EXCLUDED.people_with_disabilities, EXCLUDED.working_age, EXCLUDED.employed)
        """,
    ];

    internal override object?[]? Parse(ImportCells cells)
    {
        var values = new object?[6];
        values[0] = (int)cells.RowNumber;
        values[1] = cells.District("district");
        values[2] = cells.ReportingYear("year");
        var people = cells.Whole("people_with_disabilities", true, 0, 100_000_000);
        var working = cells.Whole("working_age", true, 0, 100_000_000);
        var employed = cells.Whole("employed", true, 0, 100_000_000);
        if (people is { } p && working is { } w && w > p)
        {
            cells.Problem("working_age", ImportProblemCode.WorkingAgeAbovePeople);
        }

        if (working is { } w2 && employed is { } e && e > w2)
        {
            cells.Problem("employed", ImportProblemCode.EmployedAboveWorkingAge);
        }

        values[3] = people;
        values[4] = working;
        values[5] = employed;
        return cells.HasProblems ? null : values;
    }
}
