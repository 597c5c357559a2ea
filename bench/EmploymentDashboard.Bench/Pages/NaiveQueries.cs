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

    /// <summary>
    /// What the staff quota page shows for a year: quotas by district and status (employers, places set and filled,
    /// rows) and in total; special workplaces by impairment; and the employer list as the page opens it (employers
    /// with unfilled places in force, most unfilled first, then fulfilment, name and BIN: their number, and the first
    /// 25). Rows: part, key, and the figures as text.
    /// </summary>
    public const string Quotas = """
        WITH quotas AS (
            SELECT q.employer_id, q.status, q.places_set, q.places_filled, d.code AS district, e.name, e.bin, e.headcount
            FROM employer_quotas q
            JOIN employers e ON e.id = q.employer_id
            JOIN districts d ON d.id = e.district_id
            JOIN regions r ON r.id = d.region_id
            WHERE r.code = @region AND q.year = @year
        ),
        behind AS (
            SELECT name, bin, headcount, district, sum(places_set) AS places_set, sum(places_filled) AS places_filled
            FROM quotas
            WHERE status = 'InForce'
            GROUP BY name, bin, headcount, district
            HAVING sum(places_set) > sum(places_filled)
        )
        (SELECT 'quotas' AS part, coalesce(district, '') || '/' || status AS key,
                concat_ws(' ', count(DISTINCT employer_id), sum(places_set), sum(places_filled), count(*)) AS figures
         FROM quotas
         GROUP BY GROUPING SETS ((district, status), (status)))
        UNION ALL
        (SELECT 'workplaces', s.impairment_type, sum(s.count)::text
         FROM special_workplaces s
         JOIN employers e ON e.id = s.employer_id
         JOIN districts d ON d.id = e.district_id
         JOIN regions r ON r.id = d.region_id
         WHERE r.code = @region AND s.year = @year
         GROUP BY s.impairment_type)
        UNION ALL
        (SELECT 'employers', 'count', count(*)::text FROM behind)
        UNION ALL
        (SELECT 'employers', bin, concat_ws(' ', name, district, headcount, places_set, places_filled)
         FROM behind
         ORDER BY places_set - places_filled DESC, places_filled::numeric / places_set, name, bin
         LIMIT 25)
        """;

    /// <summary>What the grants page shows for the period: grants, amount in tenge and in MCI by district, by sector, by month, and in total.</summary>
    public const string Grants = """
        SELECT d.code, g.sector, to_char(g.date, 'YYYY-MM') AS month,
               count(*) AS grants, sum(g.amount_kzt) AS amount_kzt, sum(g.amount_kzt / g.mci_kzt) AS amount_mci
        FROM grants g
        JOIN districts d ON d.id = g.district_id
        JOIN regions r ON r.id = d.region_id
        WHERE r.code = @region AND g.date >= @from AND g.date < @to
        GROUP BY GROUPING SETS ((d.code), (g.sector), (to_char(g.date, 'YYYY-MM')), ())
        ORDER BY 1, 2, 3
        """;
}
