using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmploymentDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class OneRollupPassForInsertedEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PlacementsInsert);
            migrationBuilder.Sql(GrantsInsert);
            migrationBuilder.Sql(PersonKeyOnlyWhenMissing);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER record_key_of_participant ON placement_person_years;
                DROP TRIGGER record_key_of_participant ON grant_person_years;
                CREATE TRIGGER record_key_of_participant BEFORE INSERT ON placement_person_years
                    FOR EACH ROW EXECUTE FUNCTION record_key_of_participant();
                CREATE TRIGGER record_key_of_participant BEFORE INSERT ON grant_person_years
                    FOR EACH ROW EXECUTE FUNCTION record_key_of_participant();
                """);
            migrationBuilder.Sql(PreviousPlacementsInsert);
            migrationBuilder.Sql(PreviousGrantsInsert);
            migrationBuilder.Sql(PreviousPlacementKeysInsert);
            migrationBuilder.Sql(PreviousGrantKeysInsert);
            migrationBuilder.Sql("""
                CREATE TRIGGER rollup_insert_keys AFTER INSERT ON placements REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION rollup_placement_keys_insert();
                CREATE TRIGGER rollup_insert_keys AFTER INSERT ON grants REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION rollup_grant_keys_insert();
                """);
        }

        // An INSERT of events (an import's merge of a million rows, or one event) used to be rolled up by three
        // passes over the statement's rows, each joining them to the participants again: the counts of the month
        // cells (rollup_insert), their key sums (rollup_insert_keys) and the person-years, whose participant key a
        // row-level trigger then looked up once per inserted person-year. Now one statement-level pass joins the
        // rows to their participants once and writes the month cells (count and key sum together) and the
        // person-years (with the participant's key) from it. UPDATE and DELETE keep their triggers of AddRollups
        // and AddRecordKeys. The cells are still written in key order, after the same people locks.
        private const string PlacementsInsert = """
            DROP TRIGGER rollup_insert_keys ON placements;
            DROP FUNCTION rollup_placement_keys_insert();

            CREATE OR REPLACE FUNCTION rollup_placements_insert() RETURNS trigger LANGUAGE plpgsql SET work_mem = '64MB' AS $fn$
            BEGIN
                PERFORM pg_advisory_xact_lock(1121, b) FROM (SELECT DISTINCT hashtext(participant_id::text) & 1023 AS b FROM new_rows r ORDER BY 1) t;
                WITH x AS MATERIALIZED (
                    SELECT x.participant_id, x.district_id, x.measure_id, x.date, x.record_key, d.region_id, p.disability_group, p.sex,
                           age_band(extract(year FROM x.date)::integer - p.birth_year) AS age_band, p.record_key AS person_key
                    FROM new_rows x JOIN participants p ON p.id = x.participant_id JOIN districts d ON d.id = x.district_id),
                months AS (
                    INSERT INTO placement_months AS c (region_id, month, district_id, measure_id, disability_group, sex, age_band, events, key_sum)
                    SELECT region_id, date_trunc('month', date)::date, district_id, measure_id, disability_group, sex, age_band, count(*), sum(record_key)
                    FROM x GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
                    ON CONFLICT (region_id, month, district_id, measure_id, disability_group, sex, age_band)
                    DO UPDATE SET events = c.events + excluded.events, key_sum = c.key_sum + excluded.key_sum)
                INSERT INTO placement_person_years AS c (participant_id, year, district_id, measure_id, region_id, disability_group, sex, age_band, record_key, months)
                SELECT participant_id, extract(year FROM date)::integer, district_id, measure_id, region_id, disability_group, sex, age_band, person_key,
                       bit_or(1 << (extract(month FROM date)::integer - 1))
                FROM x GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ORDER BY 1, 2, 3, 4
                ON CONFLICT (participant_id, year, district_id, measure_id) DO UPDATE SET months = c.months | excluded.months;
                RETURN NULL;
            END
            $fn$;
            """;

        private const string GrantsInsert = """
            DROP TRIGGER rollup_insert_keys ON grants;
            DROP FUNCTION rollup_grant_keys_insert();

            CREATE OR REPLACE FUNCTION rollup_grants_insert() RETURNS trigger LANGUAGE plpgsql SET work_mem = '64MB' AS $fn$
            BEGIN
                PERFORM pg_advisory_xact_lock(1121, b) FROM (SELECT DISTINCT hashtext(participant_id::text) & 1023 AS b FROM new_rows r ORDER BY 1) t;
                WITH x AS MATERIALIZED (
                    SELECT x.participant_id, x.district_id, x.sector, x.date, x.amount_kzt, x.mci_kzt, x.record_key, d.region_id, p.disability_group, p.sex,
                           age_band(extract(year FROM x.date)::integer - p.birth_year) AS age_band, p.record_key AS person_key
                    FROM new_rows x JOIN participants p ON p.id = x.participant_id JOIN districts d ON d.id = x.district_id),
                months AS (
                    INSERT INTO grant_months AS c (region_id, month, district_id, sector, disability_group, sex, age_band, grants, amount_kzt, amount_mci, key_sum)
                    SELECT region_id, date_trunc('month', date)::date, district_id, sector, disability_group, sex, age_band,
                           count(*), sum(amount_kzt), sum(amount_kzt / mci_kzt), sum(record_key)
                    FROM x GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
                    ON CONFLICT (region_id, month, district_id, sector, disability_group, sex, age_band) DO UPDATE SET
                        grants = c.grants + excluded.grants,
                        amount_kzt = c.amount_kzt + excluded.amount_kzt,
                        amount_mci = c.amount_mci + excluded.amount_mci,
                        key_sum = c.key_sum + excluded.key_sum)
                INSERT INTO grant_person_years AS c (participant_id, year, district_id, region_id, disability_group, sex, age_band, record_key, months)
                SELECT participant_id, extract(year FROM date)::integer, district_id, region_id, disability_group, sex, age_band, person_key,
                       bit_or(1 << (extract(month FROM date)::integer - 1))
                FROM x GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3
                ON CONFLICT (participant_id, year, district_id) DO UPDATE SET months = c.months | excluded.months;
                RETURN NULL;
            END
            $fn$;
            """;

        // The person-year rows of an UPDATE of events (AddRollups) still come without the participant's key: look it up for those only.
        private const string PersonKeyOnlyWhenMissing = """
            DROP TRIGGER record_key_of_participant ON placement_person_years;
            DROP TRIGGER record_key_of_participant ON grant_person_years;
            CREATE TRIGGER record_key_of_participant BEFORE INSERT ON placement_person_years
                FOR EACH ROW WHEN (NEW.record_key = 0) EXECUTE FUNCTION record_key_of_participant();
            CREATE TRIGGER record_key_of_participant BEFORE INSERT ON grant_person_years
                FOR EACH ROW WHEN (NEW.record_key = 0) EXECUTE FUNCTION record_key_of_participant();
            """;

        private const string PreviousPlacementsInsert = """
            CREATE OR REPLACE FUNCTION rollup_placements_insert()
             RETURNS trigger
             LANGUAGE plpgsql
             SET work_mem TO '64MB'
            AS $fn$
            BEGIN
                PERFORM pg_advisory_xact_lock(1121, b) FROM (SELECT DISTINCT hashtext(participant_id::text) & 1023 AS b FROM new_rows r ORDER BY 1) t;
                INSERT INTO placement_months AS c (region_id, month, district_id, measure_id, disability_group, sex, age_band, events)
            SELECT region_id, month, district_id, measure_id, disability_group, sex, age_band, sum(events) FROM (SELECT d.region_id, date_trunc('month', x.date)::date AS month, x.district_id, x.measure_id, p.disability_group, p.sex,
                   age_band(extract(year FROM x.date)::integer - p.birth_year) AS age_band, count(*) AS events
            FROM new_rows x JOIN participants p ON p.id = x.participant_id JOIN districts d ON d.id = x.district_id
            GROUP BY 1, 2, 3, 4, 5, 6, 7) t
            GROUP BY region_id, month, district_id, measure_id, disability_group, sex, age_band HAVING sum(events) <> 0 ORDER BY region_id, month, district_id, measure_id, disability_group, sex, age_band
            ON CONFLICT (region_id, month, district_id, measure_id, disability_group, sex, age_band) DO UPDATE SET events = c.events + excluded.events;
                INSERT INTO placement_person_years AS c (participant_id, year, district_id, measure_id, region_id, disability_group, sex, age_band, months)
            SELECT x.participant_id, extract(year FROM x.date)::integer, x.district_id, x.measure_id, d.region_id, p.disability_group, p.sex,
                   age_band(extract(year FROM x.date)::integer - p.birth_year), bit_or(1 << (extract(month FROM x.date)::integer - 1))
            FROM new_rows x JOIN participants p ON p.id = x.participant_id JOIN districts d ON d.id = x.district_id
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4
            ON CONFLICT (participant_id, year, district_id, measure_id) DO UPDATE SET months = c.months | excluded.months;
                RETURN NULL;
            END
            $fn$;
            """;

        private const string PreviousGrantsInsert = """
            CREATE OR REPLACE FUNCTION rollup_grants_insert()
             RETURNS trigger
             LANGUAGE plpgsql
             SET work_mem TO '64MB'
            AS $fn$
            BEGIN
                PERFORM pg_advisory_xact_lock(1121, b) FROM (SELECT DISTINCT hashtext(participant_id::text) & 1023 AS b FROM new_rows r ORDER BY 1) t;
                INSERT INTO grant_months AS c (region_id, month, district_id, sector, disability_group, sex, age_band, grants, amount_kzt, amount_mci)
            SELECT region_id, month, district_id, sector, disability_group, sex, age_band, sum(grants), sum(amount_kzt), sum(amount_mci) FROM (SELECT d.region_id, date_trunc('month', x.date)::date AS month, x.district_id, x.sector, p.disability_group, p.sex,
                   age_band(extract(year FROM x.date)::integer - p.birth_year) AS age_band,
                   count(*) AS grants, sum(x.amount_kzt) AS amount_kzt, sum(x.amount_kzt / x.mci_kzt) AS amount_mci
            FROM new_rows x JOIN participants p ON p.id = x.participant_id JOIN districts d ON d.id = x.district_id
            GROUP BY 1, 2, 3, 4, 5, 6, 7) t
            GROUP BY region_id, month, district_id, sector, disability_group, sex, age_band HAVING sum(grants) <> 0 OR sum(amount_kzt) <> 0 OR sum(amount_mci) <> 0 ORDER BY region_id, month, district_id, sector, disability_group, sex, age_band
            ON CONFLICT (region_id, month, district_id, sector, disability_group, sex, age_band) DO UPDATE SET
                grants = c.grants + excluded.grants,
                amount_kzt = c.amount_kzt + excluded.amount_kzt,
                amount_mci = c.amount_mci + excluded.amount_mci;
                INSERT INTO grant_person_years AS c (participant_id, year, district_id, region_id, disability_group, sex, age_band, months)
            SELECT x.participant_id, extract(year FROM x.date)::integer, x.district_id, d.region_id, p.disability_group, p.sex,
                   age_band(extract(year FROM x.date)::integer - p.birth_year), bit_or(1 << (extract(month FROM x.date)::integer - 1))
            FROM new_rows x JOIN participants p ON p.id = x.participant_id JOIN districts d ON d.id = x.district_id
            GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3
            ON CONFLICT (participant_id, year, district_id) DO UPDATE SET months = c.months | excluded.months;
                RETURN NULL;
            END
            $fn$;
            """;

        private const string PreviousPlacementKeysInsert = """
            CREATE OR REPLACE FUNCTION rollup_placement_keys_insert()
             RETURNS trigger
             LANGUAGE plpgsql
             SET work_mem TO '64MB'
            AS $fn$
            BEGIN
                UPDATE placement_months c SET key_sum = c.key_sum + t.key_sum
            FROM (SELECT region_id, month, district_id, measure_id, disability_group, sex, age_band, sum(key_sum) AS key_sum FROM (SELECT d.region_id, date_trunc('month', x.date)::date AS month, x.district_id, x.measure_id, p.disability_group, p.sex,
                   age_band(extract(year FROM x.date)::integer - p.birth_year) AS age_band, sum(x.record_key) AS key_sum
            FROM new_rows x JOIN participants p ON p.id = x.participant_id JOIN districts d ON d.id = x.district_id
            GROUP BY 1, 2, 3, 4, 5, 6, 7) u GROUP BY region_id, month, district_id, measure_id, disability_group, sex, age_band HAVING sum(key_sum) <> 0) t
            WHERE (c.region_id, c.month, c.district_id, c.measure_id, c.disability_group, c.sex, c.age_band)
                = (t.region_id, t.month, t.district_id, t.measure_id, t.disability_group, t.sex, t.age_band);
                RETURN NULL;
            END
            $fn$;
            """;

        private const string PreviousGrantKeysInsert = """
            CREATE OR REPLACE FUNCTION rollup_grant_keys_insert()
             RETURNS trigger
             LANGUAGE plpgsql
             SET work_mem TO '64MB'
            AS $fn$
            BEGIN
                UPDATE grant_months c SET key_sum = c.key_sum + t.key_sum
            FROM (SELECT region_id, month, district_id, sector, disability_group, sex, age_band, sum(key_sum) AS key_sum FROM (SELECT d.region_id, date_trunc('month', x.date)::date AS month, x.district_id, x.sector, p.disability_group, p.sex,
                   age_band(extract(year FROM x.date)::integer - p.birth_year) AS age_band, sum(x.record_key) AS key_sum
            FROM new_rows x JOIN participants p ON p.id = x.participant_id JOIN districts d ON d.id = x.district_id
            GROUP BY 1, 2, 3, 4, 5, 6, 7) u GROUP BY region_id, month, district_id, sector, disability_group, sex, age_band HAVING sum(key_sum) <> 0) t
            WHERE (c.region_id, c.month, c.district_id, c.sector, c.disability_group, c.sex, c.age_band)
                = (t.region_id, t.month, t.district_id, t.sector, t.disability_group, t.sex, t.age_band);
                RETURN NULL;
            END
            $fn$;
            """;
    }
}
