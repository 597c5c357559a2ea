namespace EmploymentDashboard.Bench.Pages;

/// <summary>
/// The baseline: the numbers each measured page shows, computed the naive way, straight from the base tables with
/// plain joins, GROUP BY (grouping sets) and count(DISTINCT). One statement per page; parameters @region (code),
/// @from and @to (dates, end exclusive), @year, @district and @measure (codes). The support events are the
/// placements plus the grants (as the business-grant measure), each joined to its participant, as the app counts them.
/// </summary>
public static class NaiveQueries
{
    /// <summary>Support events of the region in the period, with the participant's group, sex and age band at the event.</summary>
    private const string Events = """
        WITH events AS (
            SELECT p.participant_id, p.measure_id, p.district_id, p.date, pa.disability_group, pa.sex,
                   extract(year FROM p.date)::int - pa.birth_year AS age
            FROM placements p
            JOIN participants pa ON pa.id = p.participant_id
            JOIN districts d ON d.id = p.district_id
            JOIN regions r ON r.id = d.region_id
            WHERE r.code = @region AND p.date >= @from AND p.date < @to
            UNION ALL
            SELECT g.participant_id, (SELECT m.id FROM support_measures m WHERE m.kind = 'Grant' ORDER BY m.sort_order LIMIT 1),
                   g.district_id, g.date, pa.disability_group, pa.sex, extract(year FROM g.date)::int - pa.birth_year
            FROM grants g
            JOIN participants pa ON pa.id = g.participant_id
            JOIN districts d ON d.id = g.district_id
            JOIN regions r ON r.id = d.region_id
            WHERE r.code = @region AND g.date >= @from AND g.date < @to
        ),
        keyed AS (
            SELECT e.participant_id, to_char(e.date, 'YYYY-MM') AS month, m.code AS measure, d.code AS district,
                   e.disability_group::text AS grp, lower(e.sex) AS sex,
                   CASE WHEN e.age < 30 THEN 'under-30' WHEN e.age < 40 THEN '30-39' WHEN e.age < 50 THEN '40-49'
                        WHEN e.age < 60 THEN '50-59' ELSE '60-plus' END AS age_band
            FROM events e
            JOIN support_measures m ON m.id = e.measure_id
            JOIN districts d ON d.id = e.district_id
            WHERE {0}
        )
        SELECT {1} AS dimension,
               coalesce({2}, '') AS key,
               count(*) AS events, count(DISTINCT participant_id) AS people
        FROM keyed
        GROUP BY GROUPING SETS ({3}, ())
        ORDER BY 1, 2
        """;

    /// <summary>
    /// Breakdowns of support events by the given dimensions (columns of "keyed": month, measure, district, grp, sex,
    /// age_band) and the total: rows of dimension ("month", …, "group", "age" or "total"), key (code), events, people.
    /// </summary>
    public static string Breakdowns(string where, params string[] dimensions)
    {
        static string Name(string column) => column switch { "grp" => "group", "age_band" => "age", _ => column };
        var dimension = "CASE " + string.Concat(dimensions.Select(d => $"WHEN GROUPING({d}) = 0 THEN '{Name(d)}' ")) + "ELSE 'total' END";
        return string.Format(
            System.Globalization.CultureInfo.InvariantCulture, Events, where, dimension, string.Join(", ", dimensions), string.Join(", ", dimensions.Select(d => $"({d})")));
    }

    /// <summary>The overview: events and people by month, measure, district, group, sex and age band, and the total.</summary>
    public static readonly string Overview = Breakdowns("true", "month", "measure", "district", "grp", "sex", "age_band");

    /// <summary>A district's page: the same breakdowns inside one district.</summary>
    public static readonly string District = Breakdowns("d.code = @district", "month", "measure", "grp", "sex", "age_band");

    /// <summary>A measure's page: the breakdowns of one measure.</summary>
    public static readonly string Measure = Breakdowns("m.code = @measure", "month", "district", "grp", "sex", "age_band");

    /// <summary>The map: people covered by district, and in total.</summary>
    public static readonly string Map = Breakdowns("true", "district");

    /// <summary>The API's overview-by-month table: events and people by month, and in total.</summary>
    public static readonly string ByMonth = Breakdowns("true", "month");

    /// <summary>Quotas of the year by district and status: employers, places set and filled, rows; and the special workplaces.</summary>
    public const string Quotas = """
        SELECT d.code, q.status, count(DISTINCT q.employer_id) AS employers, sum(q.places_set) AS places_set,
               sum(q.places_filled) AS places_filled, count(*) AS quota_rows,
               (SELECT coalesce(sum(s.count), 0) FROM special_workplaces s JOIN employers se ON se.id = s.employer_id
                JOIN districts sd ON sd.id = se.district_id JOIN regions sr ON sr.id = sd.region_id
                WHERE sr.code = @region AND s.year = @year) AS special_workplaces
        FROM employer_quotas q
        JOIN employers e ON e.id = q.employer_id
        JOIN districts d ON d.id = e.district_id
        JOIN regions r ON r.id = d.region_id
        WHERE r.code = @region AND q.year = @year
        GROUP BY GROUPING SETS ((d.code, q.status), (q.status))
        ORDER BY 1, 2
        """;

    /// <summary>Grants of the period by district and by sector: count, amount in tenge and in MCI, distinct recipients.</summary>
    public const string Grants = """
        SELECT d.code, g.sector, count(*) AS grants, sum(g.amount_kzt) AS amount_kzt, sum(g.amount_kzt / g.mci_kzt) AS amount_mci,
               count(DISTINCT g.participant_id) AS recipients
        FROM grants g
        JOIN districts d ON d.id = g.district_id
        JOIN regions r ON r.id = d.region_id
        WHERE r.code = @region AND g.date >= @from AND g.date < @to
        GROUP BY GROUPING SETS ((d.code), (g.sector), ())
        ORDER BY 1, 2
        """;
}
