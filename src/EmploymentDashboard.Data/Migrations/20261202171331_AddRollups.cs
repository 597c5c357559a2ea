using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmploymentDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "grant_months",
                columns: table => new
                {
                    region_id = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    sector = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    disability_group = table.Column<short>(type: "smallint", nullable: false),
                    sex = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    age_band = table.Column<short>(type: "smallint", nullable: false),
                    grants = table.Column<long>(type: "bigint", nullable: false),
                    amount_kzt = table.Column<decimal>(type: "numeric", nullable: false),
                    amount_mci = table.Column<decimal>(type: "numeric", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_grant_months", x => new { x.region_id, x.month, x.district_id, x.sector, x.disability_group, x.sex, x.age_band });
                });

            migrationBuilder.CreateTable(
                name: "grant_person_years",
                columns: table => new
                {
                    participant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    region_id = table.Column<int>(type: "integer", nullable: false),
                    disability_group = table.Column<short>(type: "smallint", nullable: false),
                    sex = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    age_band = table.Column<short>(type: "smallint", nullable: false),
                    months = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_grant_person_years", x => new { x.participant_id, x.year, x.district_id });
                });

            migrationBuilder.CreateTable(
                name: "placement_months",
                columns: table => new
                {
                    region_id = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    measure_id = table.Column<int>(type: "integer", nullable: false),
                    disability_group = table.Column<short>(type: "smallint", nullable: false),
                    sex = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    age_band = table.Column<short>(type: "smallint", nullable: false),
                    events = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_placement_months", x => new { x.region_id, x.month, x.district_id, x.measure_id, x.disability_group, x.sex, x.age_band });
                });

            migrationBuilder.CreateTable(
                name: "placement_person_years",
                columns: table => new
                {
                    participant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    measure_id = table.Column<int>(type: "integer", nullable: false),
                    region_id = table.Column<int>(type: "integer", nullable: false),
                    disability_group = table.Column<short>(type: "smallint", nullable: false),
                    sex = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    age_band = table.Column<short>(type: "smallint", nullable: false),
                    months = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_placement_person_years", x => new { x.participant_id, x.year, x.district_id, x.measure_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_grant_person_years_region_id_year_district_id",
                table: "grant_person_years",
                columns: new[] { "region_id", "year", "district_id" })
                .Annotation("Npgsql:IndexInclude", new[] { "participant_id", "months", "disability_group", "sex", "age_band" });

            migrationBuilder.CreateIndex(
                name: "ix_placement_person_years_region_id_year_district_id_measure_id",
                table: "placement_person_years",
                columns: new[] { "region_id", "year", "district_id", "measure_id" })
                .Annotation("Npgsql:IndexInclude", new[] { "participant_id", "months", "disability_group", "sex", "age_band" });

            // Everything below is raw SQL: the age bands, the triggers that keep the rollups in step with
            // every write (ADR 0007), and the backfill of the rows already there.
            migrationBuilder.Sql(AgeBandFunction);
            migrationBuilder.Sql(PlacementTriggers);
            migrationBuilder.Sql(GrantTriggers);
            migrationBuilder.Sql(ParticipantAndDistrictTriggers);
            migrationBuilder.Sql(TriggerMemory);
            migrationBuilder.Sql(Backfill);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER rollup_insert ON placements;
                DROP TRIGGER rollup_update ON placements;
                DROP TRIGGER rollup_delete ON placements;
                DROP TRIGGER rollup_truncate ON placements;
                DROP TRIGGER rollup_insert ON grants;
                DROP TRIGGER rollup_update ON grants;
                DROP TRIGGER rollup_delete ON grants;
                DROP TRIGGER rollup_truncate ON grants;
                DROP TRIGGER rollup_update ON participants;
                DROP TRIGGER rollup_region ON districts;
                DROP FUNCTION rollup_placements_insert();
                DROP FUNCTION rollup_placements_update();
                DROP FUNCTION rollup_placements_delete();
                DROP FUNCTION rollup_placements_truncate();
                DROP FUNCTION rollup_grants_insert();
                DROP FUNCTION rollup_grants_update();
                DROP FUNCTION rollup_grants_delete();
                DROP FUNCTION rollup_grants_truncate();
                DROP FUNCTION rollup_participants_update();
                DROP FUNCTION rollup_district_region();
                DROP FUNCTION age_band(integer);
                """);

            migrationBuilder.DropTable(
                name: "grant_months");

            migrationBuilder.DropTable(
                name: "grant_person_years");

            migrationBuilder.DropTable(
                name: "placement_months");

            migrationBuilder.DropTable(
                name: "placement_person_years");
        }
        // The bands of Statistics.Ages (under 30, 30–39, 40–49, 50–59, 60 and over) by age in the year of the event.
        // The one definition: the triggers use it, and LINQ calls it through Ages.BandOfAge.
        private const string AgeBandFunction = """
            CREATE FUNCTION age_band(age integer) RETURNS smallint
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            RETURN CASE WHEN age < 30 THEN 0 WHEN age < 40 THEN 1 WHEN age < 50 THEN 2 WHEN age < 60 THEN 3 ELSE 4 END;
            """;

        private const string PlacementMonthKey = "region_id, month, district_id, measure_id, disability_group, sex, age_band";

        private const string GrantMonthKey = "region_id, month, district_id, sector, disability_group, sex, age_band";

        private const string PlacementPersonKey = "participant_id, year, district_id, measure_id";

        private const string GrantPersonKey = "participant_id, year, district_id";

        // Placements whose rollup keys differ between the old and the new version of an UPDATE (or that exist on one side only).
        private const string ChangedOldPlacements = "(SELECT o.* FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id AND (n.participant_id, n.district_id, n.measure_id, n.date) = (o.participant_id, o.district_id, o.measure_id, o.date)))";

        private const string ChangedNewPlacements = "(SELECT n.* FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id AND (n.participant_id, n.district_id, n.measure_id, n.date) = (o.participant_id, o.district_id, o.measure_id, o.date)))";

        private const string ChangedOldGrants = "(SELECT o.* FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id AND (n.participant_id, n.district_id, n.date, n.sector, n.amount_kzt, n.mci_kzt) = (o.participant_id, o.district_id, o.date, o.sector, o.amount_kzt, o.mci_kzt)))";

        private const string ChangedNewGrants = "(SELECT n.* FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id AND (n.participant_id, n.district_id, n.date, n.sector, n.amount_kzt, n.mci_kzt) = (o.participant_id, o.district_id, o.date, o.sector, o.amount_kzt, o.mci_kzt)))";

        // Participants of an UPDATE whose group, sex or birth year changed, with both versions.
        private const string ChangedParticipants = """
            changed AS (
                SELECT n.id, o.disability_group AS old_group, o.sex AS old_sex, o.birth_year AS old_birth_year,
                       n.disability_group, n.sex, n.birth_year
                FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE (o.disability_group, o.sex, o.birth_year) IS DISTINCT FROM (n.disability_group, n.sex, n.birth_year))
            """;

        private const string OldAttributes = "(SELECT id, old_group AS disability_group, old_sex AS sex, old_birth_year AS birth_year FROM changed)";

        private const string NewAttributes = "(SELECT id, disability_group, sex, birth_year FROM changed)";

        private static string PlacementTriggers => $$"""
            CREATE FUNCTION rollup_placements_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                {{LockPeople("new_rows")}}
                {{AddPlacementMonths(PlacementMonthsOf("new_rows", "participants", string.Empty))}}
                {{AddPlacementPeople("new_rows")}}
                RETURN NULL;
            END
            $fn$;

            CREATE FUNCTION rollup_placements_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                {{LockPeople("old_rows")}}
                {{AddPlacementMonths(PlacementMonthsOf("old_rows", "participants", "-"))}}
                {{RemoveEmptyPlacementMonths(PlacementMonthsOf("old_rows", "participants", string.Empty))}}
                {{RecomputePlacementPeople("old_rows")}}
                RETURN NULL;
            END
            $fn$;

            CREATE FUNCTION rollup_placements_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                {{LockPeople("(SELECT participant_id FROM old_rows UNION ALL SELECT participant_id FROM new_rows)")}}
                {{AddPlacementMonths(PlacementMonthsOf(ChangedNewPlacements, "participants", string.Empty) + " UNION ALL " + PlacementMonthsOf(ChangedOldPlacements, "participants", "-"))}}
                {{RemoveEmptyPlacementMonths(PlacementMonthsOf(ChangedOldPlacements, "participants", string.Empty))}}
                {{AddPlacementPeople(ChangedNewPlacements)}}
                {{RecomputePlacementPeople(ChangedOldPlacements)}}
                RETURN NULL;
            END
            $fn$;

            CREATE FUNCTION rollup_placements_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                -- DELETE, not TRUNCATE: one TRUNCATE statement may name the rollups too (Respawn does).
                DELETE FROM placement_months;
                DELETE FROM placement_person_years;
                RETURN NULL;
            END
            $fn$;

            CREATE TRIGGER rollup_insert AFTER INSERT ON placements REFERENCING NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION rollup_placements_insert();
            CREATE TRIGGER rollup_update AFTER UPDATE ON placements REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION rollup_placements_update();
            CREATE TRIGGER rollup_delete AFTER DELETE ON placements REFERENCING OLD TABLE AS old_rows
                FOR EACH STATEMENT EXECUTE FUNCTION rollup_placements_delete();
            CREATE TRIGGER rollup_truncate AFTER TRUNCATE ON placements
                FOR EACH STATEMENT EXECUTE FUNCTION rollup_placements_truncate();
            """;

        private static string GrantTriggers => $$"""
            CREATE FUNCTION rollup_grants_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                {{LockPeople("new_rows")}}
                {{AddGrantMonths(GrantMonthsOf("new_rows", "participants", string.Empty))}}
                {{AddGrantPeople("new_rows")}}
                RETURN NULL;
            END
            $fn$;

            CREATE FUNCTION rollup_grants_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                {{LockPeople("old_rows")}}
                {{AddGrantMonths(GrantMonthsOf("old_rows", "participants", "-"))}}
                {{RemoveEmptyGrantMonths(GrantMonthsOf("old_rows", "participants", string.Empty))}}
                {{RecomputeGrantPeople("old_rows")}}
                RETURN NULL;
            END
            $fn$;

            CREATE FUNCTION rollup_grants_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                {{LockPeople("(SELECT participant_id FROM old_rows UNION ALL SELECT participant_id FROM new_rows)")}}
                {{AddGrantMonths(GrantMonthsOf(ChangedNewGrants, "participants", string.Empty) + " UNION ALL " + GrantMonthsOf(ChangedOldGrants, "participants", "-"))}}
                {{RemoveEmptyGrantMonths(GrantMonthsOf(ChangedOldGrants, "participants", string.Empty))}}
                {{AddGrantPeople(ChangedNewGrants)}}
                {{RecomputeGrantPeople(ChangedOldGrants)}}
                RETURN NULL;
            END
            $fn$;

            CREATE FUNCTION rollup_grants_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                DELETE FROM grant_months;
                DELETE FROM grant_person_years;
                RETURN NULL;
            END
            $fn$;

            CREATE TRIGGER rollup_insert AFTER INSERT ON grants REFERENCING NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION rollup_grants_insert();
            CREATE TRIGGER rollup_update AFTER UPDATE ON grants REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION rollup_grants_update();
            CREATE TRIGGER rollup_delete AFTER DELETE ON grants REFERENCING OLD TABLE AS old_rows
                FOR EACH STATEMENT EXECUTE FUNCTION rollup_grants_delete();
            CREATE TRIGGER rollup_truncate AFTER TRUNCATE ON grants
                FOR EACH STATEMENT EXECUTE FUNCTION rollup_grants_truncate();
            """;

        // A participant's group, sex or birth year moves all their events between cells; a district moved to
        // another region takes its rollup rows along. Inserted participants have no events yet, and a
        // participant or district with events cannot be deleted (restrict foreign keys).
        private static string ParticipantAndDistrictTriggers => $$"""
            CREATE FUNCTION rollup_participants_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                {{LockPeople("(SELECT id AS participant_id FROM new_rows)")}}
                WITH {{ChangedParticipants}}
                {{AddPlacementMonths(PlacementMonthsOf("placements", NewAttributes, string.Empty) + " UNION ALL " + PlacementMonthsOf("placements", OldAttributes, "-"))}}
                WITH {{ChangedParticipants}}
                {{RemoveEmptyPlacementMonths(PlacementMonthsOf("placements", OldAttributes, string.Empty))}}
                WITH {{ChangedParticipants}}
                {{AddGrantMonths(GrantMonthsOf("grants", NewAttributes, string.Empty) + " UNION ALL " + GrantMonthsOf("grants", OldAttributes, "-"))}}
                WITH {{ChangedParticipants}}
                {{RemoveEmptyGrantMonths(GrantMonthsOf("grants", OldAttributes, string.Empty))}}
                WITH {{ChangedParticipants}}
                UPDATE placement_person_years c
                SET disability_group = n.disability_group, sex = n.sex, age_band = age_band(c.year - n.birth_year)
                FROM changed n WHERE c.participant_id = n.id;
                WITH {{ChangedParticipants}}
                UPDATE grant_person_years c
                SET disability_group = n.disability_group, sex = n.sex, age_band = age_band(c.year - n.birth_year)
                FROM changed n WHERE c.participant_id = n.id;
                RETURN NULL;
            END
            $fn$;

            CREATE TRIGGER rollup_update AFTER UPDATE ON participants REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION rollup_participants_update();

            CREATE FUNCTION rollup_district_region() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                UPDATE placement_months SET region_id = NEW.region_id WHERE district_id = NEW.id;
                UPDATE grant_months SET region_id = NEW.region_id WHERE district_id = NEW.id;
                UPDATE placement_person_years SET region_id = NEW.region_id WHERE district_id = NEW.id;
                UPDATE grant_person_years SET region_id = NEW.region_id WHERE district_id = NEW.id;
                RETURN NULL;
            END
            $fn$;

            CREATE TRIGGER rollup_region AFTER UPDATE OF region_id ON districts
                FOR EACH ROW WHEN (OLD.region_id IS DISTINCT FROM NEW.region_id) EXECUTE FUNCTION rollup_district_region();
            """;

        // A bulk statement's rows are grouped in one hash aggregate per rollup: give it the memory to stay
        // out of temporary files (a million-row INSERT … SELECT ran 35 s with the default 4 MB, 26 s with this).
        // Only while a trigger runs, and only for writes.
        private const string TriggerMemory = """
            ALTER FUNCTION rollup_placements_insert() SET work_mem = '64MB';
            ALTER FUNCTION rollup_placements_update() SET work_mem = '64MB';
            ALTER FUNCTION rollup_placements_delete() SET work_mem = '64MB';
            ALTER FUNCTION rollup_grants_insert() SET work_mem = '64MB';
            ALTER FUNCTION rollup_grants_update() SET work_mem = '64MB';
            ALTER FUNCTION rollup_grants_delete() SET work_mem = '64MB';
            ALTER FUNCTION rollup_participants_update() SET work_mem = '64MB';
            """;

        private static string Backfill => $$"""
            {{AddPlacementMonths(PlacementMonthsOf("placements", "participants", string.Empty))}}
            {{AddPlacementPeople("placements")}}
            {{AddGrantMonths(GrantMonthsOf("grants", "participants", string.Empty))}}
            {{AddGrantPeople("grants")}}
            """;

        // Serialises writers that touch the same people, so that what one trigger reads of another's
        // writes is committed: a recomputed person-year sees every event added concurrently, and a
        // participant's corrected attributes and a new event of theirs never miss each other. People are
        // hashed into 1,024 transaction-level advisory locks, taken in order (at most 1,024 per statement,
        // whatever its size). Each later statement of the trigger takes a fresh snapshot.
        private static string LockPeople(string rows) => $"""
            PERFORM pg_advisory_xact_lock(1121, b) FROM (SELECT DISTINCT hashtext(participant_id::text) & 1023 AS b FROM {rows} r ORDER BY 1) t;
            """;

        // Placements of `rows` (a relation with the placements' columns) counted per rollup cell, with the
        // attributes of `people` (id, disability_group, sex, birth_year); sign "-" for rows that leave.
        private static string PlacementMonthsOf(string rows, string people, string sign) => $"""
            SELECT d.region_id, date_trunc('month', x.date)::date AS month, x.district_id, x.measure_id, p.disability_group, p.sex,
                   age_band(extract(year FROM x.date)::integer - p.birth_year) AS age_band, {sign}count(*) AS events
            FROM {rows} x JOIN {people} p ON p.id = x.participant_id JOIN districts d ON d.id = x.district_id
            GROUP BY 1, 2, 3, 4, 5, 6, 7
            """;

        // Adds signed counts to the cells; in key order, so that concurrent writers lock cells in the same order.
        private static string AddPlacementMonths(string deltas) => $"""
            INSERT INTO placement_months AS c ({PlacementMonthKey}, events)
            SELECT {PlacementMonthKey}, sum(events) FROM ({deltas}) t
            GROUP BY {PlacementMonthKey} HAVING sum(events) <> 0 ORDER BY {PlacementMonthKey}
            ON CONFLICT ({PlacementMonthKey}) DO UPDATE SET events = c.events + excluded.events;
            """;

        private static string RemoveEmptyPlacementMonths(string keys) => $"""
            DELETE FROM placement_months c USING ({keys}) k
            WHERE c.events = 0 AND (c.region_id, c.month, c.district_id, c.measure_id, c.disability_group, c.sex, c.age_band)
                = (k.region_id, k.month, k.district_id, k.measure_id, k.disability_group, k.sex, k.age_band);
            """;

        // New events only add months to a person-year: OR their month bits in.
        private static string AddPlacementPeople(string rows) => $"""
            INSERT INTO placement_person_years AS c ({PlacementPersonKey}, region_id, disability_group, sex, age_band, months)
            SELECT x.participant_id, extract(year FROM x.date)::integer, x.district_id, x.measure_id, d.region_id, p.disability_group, p.sex,
                   age_band(extract(year FROM x.date)::integer - p.birth_year), bit_or(1 << (extract(month FROM x.date)::integer - 1))
            FROM {rows} x JOIN participants p ON p.id = x.participant_id JOIN districts d ON d.id = x.district_id
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4
            ON CONFLICT ({PlacementPersonKey}) DO UPDATE SET months = c.months | excluded.months;
            """;

        // Events that leave may empty a month or the whole person-year: recompute those person-years from the
        // person's remaining placements (an index lookup by participant), and drop the ones left without any.
        private static string RecomputePlacementPeople(string rows) => $"""
            WITH k AS (SELECT DISTINCT participant_id, extract(year FROM date)::integer AS year, district_id, measure_id FROM {rows} r),
            recomputed AS (
                SELECT k.participant_id, k.year, k.district_id, k.measure_id, bit_or(1 << (extract(month FROM x.date)::integer - 1)) AS months
                FROM k JOIN placements x ON x.participant_id = k.participant_id AND x.district_id = k.district_id AND x.measure_id = k.measure_id
                    AND x.date >= make_date(k.year, 1, 1) AND x.date < make_date(k.year + 1, 1, 1)
                GROUP BY 1, 2, 3, 4)
            UPDATE placement_person_years c SET months = recomputed.months FROM recomputed
            WHERE (c.participant_id, c.year, c.district_id, c.measure_id) = (recomputed.participant_id, recomputed.year, recomputed.district_id, recomputed.measure_id)
                AND c.months <> recomputed.months;
            DELETE FROM placement_person_years c
            USING (SELECT DISTINCT participant_id, extract(year FROM date)::integer AS year, district_id, measure_id FROM {rows} r) k
            WHERE (c.participant_id, c.year, c.district_id, c.measure_id) = (k.participant_id, k.year, k.district_id, k.measure_id)
                AND NOT EXISTS (
                    SELECT 1 FROM placements x
                    WHERE x.participant_id = k.participant_id AND x.district_id = k.district_id AND x.measure_id = k.measure_id
                        AND x.date >= make_date(k.year, 1, 1) AND x.date < make_date(k.year + 1, 1, 1));
            """;

        private static string GrantMonthsOf(string rows, string people, string sign) => $"""
            SELECT d.region_id, date_trunc('month', x.date)::date AS month, x.district_id, x.sector, p.disability_group, p.sex,
                   age_band(extract(year FROM x.date)::integer - p.birth_year) AS age_band,
                   {sign}count(*) AS grants, {sign}sum(x.amount_kzt) AS amount_kzt, {sign}sum(x.amount_kzt / x.mci_kzt) AS amount_mci
            FROM {rows} x JOIN {people} p ON p.id = x.participant_id JOIN districts d ON d.id = x.district_id
            GROUP BY 1, 2, 3, 4, 5, 6, 7
            """;

        private static string AddGrantMonths(string deltas) => $"""
            INSERT INTO grant_months AS c ({GrantMonthKey}, grants, amount_kzt, amount_mci)
            SELECT {GrantMonthKey}, sum(grants), sum(amount_kzt), sum(amount_mci) FROM ({deltas}) t
            GROUP BY {GrantMonthKey} HAVING sum(grants) <> 0 OR sum(amount_kzt) <> 0 OR sum(amount_mci) <> 0 ORDER BY {GrantMonthKey}
            ON CONFLICT ({GrantMonthKey}) DO UPDATE SET
                grants = c.grants + excluded.grants,
                amount_kzt = c.amount_kzt + excluded.amount_kzt,
                amount_mci = c.amount_mci + excluded.amount_mci;
            """;

        private static string RemoveEmptyGrantMonths(string keys) => $"""
            DELETE FROM grant_months c USING ({keys}) k
            WHERE c.grants = 0 AND (c.region_id, c.month, c.district_id, c.sector, c.disability_group, c.sex, c.age_band)
                = (k.region_id, k.month, k.district_id, k.sector, k.disability_group, k.sex, k.age_band);
            """;

        private static string AddGrantPeople(string rows) => $"""
            INSERT INTO grant_person_years AS c ({GrantPersonKey}, region_id, disability_group, sex, age_band, months)
            SELECT x.participant_id, extract(year FROM x.date)::integer, x.district_id, d.region_id, p.disability_group, p.sex,
                   age_band(extract(year FROM x.date)::integer - p.birth_year), bit_or(1 << (extract(month FROM x.date)::integer - 1))
            FROM {rows} x JOIN participants p ON p.id = x.participant_id JOIN districts d ON d.id = x.district_id
            GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3
            ON CONFLICT ({GrantPersonKey}) DO UPDATE SET months = c.months | excluded.months;
            """;

        private static string RecomputeGrantPeople(string rows) => $"""
            WITH k AS (SELECT DISTINCT participant_id, extract(year FROM date)::integer AS year, district_id FROM {rows} r),
            recomputed AS (
                SELECT k.participant_id, k.year, k.district_id, bit_or(1 << (extract(month FROM x.date)::integer - 1)) AS months
                FROM k JOIN grants x ON x.participant_id = k.participant_id AND x.district_id = k.district_id
                    AND x.date >= make_date(k.year, 1, 1) AND x.date < make_date(k.year + 1, 1, 1)
                GROUP BY 1, 2, 3)
            UPDATE grant_person_years c SET months = recomputed.months FROM recomputed
            WHERE (c.participant_id, c.year, c.district_id) = (recomputed.participant_id, recomputed.year, recomputed.district_id) AND c.months <> recomputed.months;
            DELETE FROM grant_person_years c
            USING (SELECT DISTINCT participant_id, extract(year FROM date)::integer AS year, district_id FROM {rows} r) k
            WHERE (c.participant_id, c.year, c.district_id) = (k.participant_id, k.year, k.district_id)
                AND NOT EXISTS (
                    SELECT 1 FROM grants x
                    WHERE x.participant_id = k.participant_id AND x.district_id = k.district_id
                        AND x.date >= make_date(k.year, 1, 1) AND x.date < make_date(k.year + 1, 1, 1));
            """;
    }
}
