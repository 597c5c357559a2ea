using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmploymentDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddStatCells : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "stat_cells",
                columns: table => new
                {
                    region_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    months = table.Column<int>(type: "integer", nullable: false),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    measure_id = table.Column<int>(type: "integer", nullable: false),
                    disability_group = table.Column<short>(type: "smallint", nullable: false),
                    sex = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    age_band = table.Column<short>(type: "smallint", nullable: false),
                    events = table.Column<long>(type: "bigint", nullable: false),
                    events_key_sum = table.Column<long>(type: "bigint", nullable: false),
                    people = table.Column<long>(type: "bigint", nullable: false),
                    people_key_sum = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stat_cells", x => new { x.region_id, x.year, x.months, x.district_id, x.measure_id, x.disability_group, x.sex, x.age_band });
                });

            migrationBuilder.Sql(Functions);
            migrationBuilder.Sql(Triggers);
            migrationBuilder.Sql("SELECT stat_cells_rebuild();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER stat_cells_lock ON placements;
                DROP TRIGGER stat_cells_lock ON grants;
                DROP TRIGGER stat_cells_lock ON participants;
                DROP TRIGGER stat_cells_lock ON districts;
                DROP TRIGGER stat_cells_insert ON placement_months;
                DROP TRIGGER stat_cells_update ON placement_months;
                DROP TRIGGER stat_cells_delete ON placement_months;
                DROP TRIGGER stat_cells_insert ON grant_months;
                DROP TRIGGER stat_cells_update ON grant_months;
                DROP TRIGGER stat_cells_delete ON grant_months;
                DROP TRIGGER stat_cells_insert ON placement_person_years;
                DROP TRIGGER stat_cells_update ON placement_person_years;
                DROP TRIGGER stat_cells_delete ON placement_person_years;
                DROP TRIGGER stat_cells_insert ON grant_person_years;
                DROP TRIGGER stat_cells_update ON grant_person_years;
                DROP TRIGGER stat_cells_delete ON grant_person_years;
                DROP TRIGGER stat_cells_truncate ON placement_months;
                DROP TRIGGER stat_cells_truncate ON grant_months;
                DROP TRIGGER stat_cells_truncate ON placement_person_years;
                DROP TRIGGER stat_cells_truncate ON grant_person_years;
                DROP FUNCTION stat_cells_lock();
                DROP FUNCTION stat_cells_placement_months_insert();
                DROP FUNCTION stat_cells_placement_months_update();
                DROP FUNCTION stat_cells_placement_months_delete();
                DROP FUNCTION stat_cells_grant_months_insert();
                DROP FUNCTION stat_cells_grant_months_update();
                DROP FUNCTION stat_cells_grant_months_delete();
                DROP FUNCTION stat_cells_person_years_new();
                DROP FUNCTION stat_cells_person_years_changed();
                DROP FUNCTION stat_cells_person_years_old();
                DROP FUNCTION stat_cells_truncated();
                DROP FUNCTION stat_cells_refresh_people(uuid[], integer[]);
                DROP FUNCTION stat_cells_rebuild();
                DROP FUNCTION stat_cell_periods(integer);
                DROP FUNCTION stat_cell_grant_measure();
                DROP TABLE stat_cell_person_rows;
                """);

            migrationBuilder.DropTable(
                name: "stat_cells");
        }

        // The periods of the cube as month masks: the year, its four quarters and its twelve months. A filter of
        // one of these periods in one year, with at most one district and one measure, is answered from the cube;
        // any other filter (several districts or measures, months across a year's end, half-years) from the
        // person-years with count(DISTINCT), exactly as before (ADR 0011). StatCells.Periods in C# is the same list.
        private const string Functions = """
            CREATE FUNCTION stat_cell_periods(months integer) RETURNS TABLE (period integer)
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
                SELECT p FROM unnest(ARRAY[4095, 7, 56, 448, 3584, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048]) p WHERE p & months <> 0
            $fn$;

            -- Grants count under the grant measure, as on every page; with no grant measure they count under "every measure" only.
            CREATE FUNCTION stat_cell_grant_measure() RETURNS integer
            LANGUAGE sql STABLE PARALLEL SAFE AS $fn$
                SELECT id FROM support_measures WHERE kind = 'Grant' ORDER BY sort_order, id LIMIT 1
            $fn$;

            -- The person-year rows last counted into the cube's people: the "before" of the next change of a
            -- person-year. A change is counted as cells(rows now) − cells(rows counted before), so it does not matter
            -- in which order the triggers of one statement (the INSERT and UPDATE parts of an upsert) run.
            CREATE TABLE stat_cell_person_rows (
                participant_id uuid NOT NULL,
                year integer NOT NULL,
                region_id integer NOT NULL,
                district_id integer NOT NULL,
                measure_id integer,
                disability_group smallint NOT NULL,
                sex character varying(8) NOT NULL,
                age_band smallint NOT NULL,
                record_key bigint NOT NULL,
                months integer NOT NULL);
            CREATE INDEX ix_stat_cell_person_rows_participant_id_year ON stat_cell_person_rows (participant_id, year);

            -- People of the given person-years: subtract their cells as last counted, add their cells now, and
            -- remember the rows now. A person is in a cell once, however many rows put them there.
            CREATE FUNCTION stat_cells_refresh_people(participants uuid[], years integer[]) RETURNS void
            LANGUAGE plpgsql SET work_mem = '64MB' AS $fn$
            BEGIN
                WITH k AS (SELECT DISTINCT participant_id, year FROM unnest(participants, years) k(participant_id, year)),
                now_rows AS (
                    SELECT p.participant_id, p.year, p.region_id, p.district_id, p.measure_id, p.disability_group, p.sex, p.age_band, p.record_key, p.months
                    FROM placement_person_years p JOIN k ON (k.participant_id, k.year) = (p.participant_id, p.year)
                    UNION ALL
                    SELECT g.participant_id, g.year, g.region_id, g.district_id, stat_cell_grant_measure(), g.disability_group, g.sex, g.age_band, g.record_key, g.months
                    FROM grant_person_years g JOIN k ON (k.participant_id, k.year) = (g.participant_id, g.year)),
                before_rows AS (
                    SELECT s.* FROM stat_cell_person_rows s JOIN k ON (k.participant_id, k.year) = (s.participant_id, s.year)),
                cells AS (
                    SELECT DISTINCT 1 AS sign, r.participant_id, r.region_id, r.year, p.period, dd.district_id, mm.measure_id, r.disability_group, r.sex, r.age_band, r.record_key
                    FROM now_rows r CROSS JOIN LATERAL stat_cell_periods(r.months) p
                    CROSS JOIN LATERAL (VALUES (0), (r.district_id)) dd(district_id) CROSS JOIN LATERAL (VALUES (0), (r.measure_id)) mm(measure_id)
                    WHERE mm.measure_id IS NOT NULL
                    UNION ALL
                    SELECT DISTINCT -1, r.participant_id, r.region_id, r.year, p.period, dd.district_id, mm.measure_id, r.disability_group, r.sex, r.age_band, r.record_key
                    FROM before_rows r CROSS JOIN LATERAL stat_cell_periods(r.months) p
                    CROSS JOIN LATERAL (VALUES (0), (r.district_id)) dd(district_id) CROSS JOIN LATERAL (VALUES (0), (r.measure_id)) mm(measure_id)
                    WHERE mm.measure_id IS NOT NULL)
                INSERT INTO stat_cells AS c (region_id, year, months, district_id, measure_id, disability_group, sex, age_band, events, events_key_sum, people, people_key_sum)
                SELECT region_id, year, period, district_id, measure_id, disability_group, sex, age_band, 0, 0, sum(sign), sum(sign * record_key)
                FROM cells GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(sign) <> 0 OR sum(sign * record_key) <> 0
                ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
                ON CONFLICT (region_id, year, months, district_id, measure_id, disability_group, sex, age_band)
                DO UPDATE SET people = c.people + excluded.people, people_key_sum = c.people_key_sum + excluded.people_key_sum;

                DELETE FROM stat_cell_person_rows s USING (SELECT DISTINCT participant_id, year FROM unnest(participants, years) k(participant_id, year)) k
                WHERE (k.participant_id, k.year) = (s.participant_id, s.year);
                WITH k AS (SELECT DISTINCT participant_id, year FROM unnest(participants, years) k(participant_id, year))
                INSERT INTO stat_cell_person_rows (participant_id, year, region_id, district_id, measure_id, disability_group, sex, age_band, record_key, months)
                SELECT p.participant_id, p.year, p.region_id, p.district_id, p.measure_id, p.disability_group, p.sex, p.age_band, p.record_key, p.months
                FROM placement_person_years p JOIN k ON (k.participant_id, k.year) = (p.participant_id, p.year)
                UNION ALL
                SELECT g.participant_id, g.year, g.region_id, g.district_id, stat_cell_grant_measure(), g.disability_group, g.sex, g.age_band, g.record_key, g.months
                FROM grant_person_years g JOIN k ON (k.participant_id, k.year) = (g.participant_id, g.year);
            END
            $fn$;

            -- The whole cube from the rollups: at migration, and after a TRUNCATE of a rollup (which fires no row triggers).
            CREATE FUNCTION stat_cells_rebuild() RETURNS void
            LANGUAGE plpgsql SET work_mem = '256MB' AS $fn$
            BEGIN
                DELETE FROM stat_cells;
                DELETE FROM stat_cell_person_rows;
                INSERT INTO stat_cells (region_id, year, months, district_id, measure_id, disability_group, sex, age_band, events, events_key_sum, people, people_key_sum)
                SELECT region_id, year, period, district_id, measure_id, disability_group, sex, age_band, sum(events), sum(events_key_sum), sum(people), sum(people_key_sum)
                FROM (
                    SELECT r.region_id, extract(year FROM r.month)::integer AS year, p.period, dd.district_id, mm.measure_id, r.disability_group, r.sex, r.age_band,
                           sum(r.events) AS events, sum(r.key_sum) AS events_key_sum, 0 AS people, 0 AS people_key_sum
                    FROM (SELECT region_id, month, district_id, measure_id, disability_group, sex, age_band, events, key_sum FROM placement_months
                          UNION ALL
                          SELECT region_id, month, district_id, stat_cell_grant_measure(), disability_group, sex, age_band, grants, key_sum FROM grant_months) r
                    CROSS JOIN LATERAL stat_cell_periods(1 << (extract(month FROM r.month)::integer - 1)) p
                    CROSS JOIN LATERAL (VALUES (0), (r.district_id)) dd(district_id) CROSS JOIN LATERAL (VALUES (0), (r.measure_id)) mm(measure_id)
                    WHERE mm.measure_id IS NOT NULL
                    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
                    UNION ALL
                    SELECT region_id, year, period, district_id, measure_id, disability_group, sex, age_band, 0, 0, count(*), sum(record_key)
                    FROM (
                        SELECT DISTINCT r.participant_id, r.region_id, r.year, p.period, dd.district_id, mm.measure_id, r.disability_group, r.sex, r.age_band, r.record_key
                        FROM (SELECT participant_id, year, region_id, district_id, measure_id, disability_group, sex, age_band, record_key, months FROM placement_person_years
                              UNION ALL
                              SELECT participant_id, year, region_id, district_id, stat_cell_grant_measure(), disability_group, sex, age_band, record_key, months FROM grant_person_years) r
                        CROSS JOIN LATERAL stat_cell_periods(r.months) p
                        CROSS JOIN LATERAL (VALUES (0), (r.district_id)) dd(district_id) CROSS JOIN LATERAL (VALUES (0), (r.measure_id)) mm(measure_id)
                        WHERE mm.measure_id IS NOT NULL) people
                    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8) t
                GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
                INSERT INTO stat_cell_person_rows (participant_id, year, region_id, district_id, measure_id, disability_group, sex, age_band, record_key, months)
                SELECT participant_id, year, region_id, district_id, measure_id, disability_group, sex, age_band, record_key, months FROM placement_person_years
                UNION ALL
                SELECT participant_id, year, region_id, district_id, stat_cell_grant_measure(), disability_group, sex, age_band, record_key, months FROM grant_person_years;
            END
            $fn$;
            """;

        // Events change by the difference of the month cells (additive); people by refreshing the person-years a
        // statement touched. Every writer of events first takes one lock for the cube's rows (held to its commit, so
        // two writers never wait on each other's cells in opposite orders): writes are imports and corrections, rare
        // next to reads, which never wait.
        private static string Triggers =>
            $$"""
            CREATE FUNCTION stat_cells_lock() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                PERFORM pg_advisory_xact_lock(1122);
                RETURN NULL;
            END
            $fn$;
            CREATE TRIGGER stat_cells_lock BEFORE INSERT OR UPDATE OR DELETE ON placements FOR EACH STATEMENT EXECUTE FUNCTION stat_cells_lock();
            CREATE TRIGGER stat_cells_lock BEFORE INSERT OR UPDATE OR DELETE ON grants FOR EACH STATEMENT EXECUTE FUNCTION stat_cells_lock();
            CREATE TRIGGER stat_cells_lock BEFORE UPDATE ON participants FOR EACH STATEMENT EXECUTE FUNCTION stat_cells_lock();
            CREATE TRIGGER stat_cells_lock BEFORE UPDATE ON districts FOR EACH STATEMENT EXECUTE FUNCTION stat_cells_lock();

            {{EventsFunction("placement_months_insert", "SELECT region_id, month, district_id, measure_id, disability_group, sex, age_band, events, key_sum FROM new_rows")}}
            {{EventsFunction("placement_months_update", "SELECT region_id, month, district_id, measure_id, disability_group, sex, age_band, events, key_sum FROM new_rows UNION ALL SELECT region_id, month, district_id, measure_id, disability_group, sex, age_band, -events, -key_sum FROM old_rows")}}
            {{EventsFunction("placement_months_delete", "SELECT region_id, month, district_id, measure_id, disability_group, sex, age_band, -events, -key_sum FROM old_rows")}}
            {{EventsFunction("grant_months_insert", "SELECT region_id, month, district_id, stat_cell_grant_measure(), disability_group, sex, age_band, grants, key_sum FROM new_rows")}}
            {{EventsFunction("grant_months_update", "SELECT region_id, month, district_id, stat_cell_grant_measure(), disability_group, sex, age_band, grants, key_sum FROM new_rows UNION ALL SELECT region_id, month, district_id, stat_cell_grant_measure(), disability_group, sex, age_band, -grants, -key_sum FROM old_rows")}}
            {{EventsFunction("grant_months_delete", "SELECT region_id, month, district_id, stat_cell_grant_measure(), disability_group, sex, age_band, -grants, -key_sum FROM old_rows")}}

            CREATE FUNCTION stat_cells_person_years_new() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                PERFORM stat_cells_refresh_people(array_agg(participant_id), array_agg(year)) FROM (SELECT DISTINCT participant_id, year FROM new_rows) k;
                RETURN NULL;
            END
            $fn$;
            CREATE FUNCTION stat_cells_person_years_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                PERFORM stat_cells_refresh_people(array_agg(participant_id), array_agg(year))
                FROM (SELECT participant_id, year FROM new_rows UNION SELECT participant_id, year FROM old_rows) k;
                RETURN NULL;
            END
            $fn$;
            CREATE FUNCTION stat_cells_person_years_old() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                PERFORM stat_cells_refresh_people(array_agg(participant_id), array_agg(year)) FROM (SELECT DISTINCT participant_id, year FROM old_rows) k;
                RETURN NULL;
            END
            $fn$;
            CREATE FUNCTION stat_cells_truncated() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                PERFORM stat_cells_rebuild();
                RETURN NULL;
            END
            $fn$;

            {{Trigger("insert", "INSERT", "placement_months", "NEW TABLE AS new_rows", "placement_months_insert")}}
            {{Trigger("update", "UPDATE", "placement_months", "OLD TABLE AS old_rows NEW TABLE AS new_rows", "placement_months_update")}}
            {{Trigger("delete", "DELETE", "placement_months", "OLD TABLE AS old_rows", "placement_months_delete")}}
            {{Trigger("insert", "INSERT", "grant_months", "NEW TABLE AS new_rows", "grant_months_insert")}}
            {{Trigger("update", "UPDATE", "grant_months", "OLD TABLE AS old_rows NEW TABLE AS new_rows", "grant_months_update")}}
            {{Trigger("delete", "DELETE", "grant_months", "OLD TABLE AS old_rows", "grant_months_delete")}}
            {{Trigger("insert", "INSERT", "placement_person_years", "NEW TABLE AS new_rows", "person_years_new")}}
            {{Trigger("update", "UPDATE", "placement_person_years", "OLD TABLE AS old_rows NEW TABLE AS new_rows", "person_years_changed")}}
            {{Trigger("delete", "DELETE", "placement_person_years", "OLD TABLE AS old_rows", "person_years_old")}}
            {{Trigger("insert", "INSERT", "grant_person_years", "NEW TABLE AS new_rows", "person_years_new")}}
            {{Trigger("update", "UPDATE", "grant_person_years", "OLD TABLE AS old_rows NEW TABLE AS new_rows", "person_years_changed")}}
            {{Trigger("delete", "DELETE", "grant_person_years", "OLD TABLE AS old_rows", "person_years_old")}}
            CREATE TRIGGER stat_cells_truncate AFTER TRUNCATE ON placement_months FOR EACH STATEMENT EXECUTE FUNCTION stat_cells_truncated();
            CREATE TRIGGER stat_cells_truncate AFTER TRUNCATE ON grant_months FOR EACH STATEMENT EXECUTE FUNCTION stat_cells_truncated();
            CREATE TRIGGER stat_cells_truncate AFTER TRUNCATE ON placement_person_years FOR EACH STATEMENT EXECUTE FUNCTION stat_cells_truncated();
            CREATE TRIGGER stat_cells_truncate AFTER TRUNCATE ON grant_person_years FOR EACH STATEMENT EXECUTE FUNCTION stat_cells_truncated();
            """;

        private static string Trigger(string name, string operation, string table, string transition, string function) =>
            $"CREATE TRIGGER stat_cells_{name} AFTER {operation} ON {table} REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION stat_cells_{function}();";

        // Each month cell counts in the year, its quarter and its month, for its district and every district, and
        // its measure and every measure.
        private static string EventsFunction(string name, string changes) =>
            $$"""
            CREATE FUNCTION stat_cells_{{name}}() RETURNS trigger LANGUAGE plpgsql SET work_mem = '64MB' AS $fn$
            BEGIN
                INSERT INTO stat_cells AS c (region_id, year, months, district_id, measure_id, disability_group, sex, age_band, events, events_key_sum, people, people_key_sum)
                SELECT r.region_id, extract(year FROM r.month)::integer, p.period, dd.district_id, mm.measure_id, r.disability_group, r.sex, r.age_band, sum(r.events), sum(r.key_sum), 0, 0
                FROM ({{changes}}) r (region_id, month, district_id, measure_id, disability_group, sex, age_band, events, key_sum)
                CROSS JOIN LATERAL stat_cell_periods(1 << (extract(month FROM r.month)::integer - 1)) p
                CROSS JOIN LATERAL (VALUES (0), (r.district_id)) dd(district_id) CROSS JOIN LATERAL (VALUES (0), (r.measure_id)) mm(measure_id)
                WHERE mm.measure_id IS NOT NULL
                GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(r.events) <> 0 OR sum(r.key_sum) <> 0
                ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
                ON CONFLICT (region_id, year, months, district_id, measure_id, disability_group, sex, age_band)
                DO UPDATE SET events = c.events + excluded.events, events_key_sum = c.events_key_sum + excluded.events_key_sum;
                RETURN NULL;
            END
            $fn$;
            """;
    }
}
