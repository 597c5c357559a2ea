using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmploymentDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddRecordKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Record keys first (the computed filled_key_sum below reads employer_quotas.record_key), then the
            // rollup columns, then the triggers that keep the key sums and the backfill (ADR 0010).
            migrationBuilder.Sql(RecordKeys);

            migrationBuilder.DropIndex(
                name: "ix_placement_person_years_region_id_year_district_id_measure_id",
                table: "placement_person_years");

            migrationBuilder.DropIndex(
                name: "ix_grant_person_years_region_id_year_district_id",
                table: "grant_person_years");

            migrationBuilder.AddColumn<long>(
                name: "record_key",
                table: "placement_person_years",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "key_sum",
                table: "placement_months",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "record_key",
                table: "grant_person_years",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "key_sum",
                table: "grant_months",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "filled_key_sum",
                table: "employer_quotas",
                type: "bigint",
                nullable: false,
                computedColumnSql: "quota_place_key_sum(record_key, places_filled)",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_placement_person_years_region_id_year_district_id_measure_id",
                table: "placement_person_years",
                columns: new[] { "region_id", "year", "district_id", "measure_id" })
                .Annotation("Npgsql:IndexInclude", new[] { "participant_id", "months", "disability_group", "sex", "age_band", "record_key" });

            migrationBuilder.CreateIndex(
                name: "ix_grant_person_years_region_id_year_district_id",
                table: "grant_person_years",
                columns: new[] { "region_id", "year", "district_id" })
                .Annotation("Npgsql:IndexInclude", new[] { "participant_id", "months", "disability_group", "sex", "age_band", "record_key" });

            migrationBuilder.Sql(PersonKeyTriggers);
            migrationBuilder.Sql(KeySumTriggers);
            migrationBuilder.Sql(Backfill);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER rollup_insert_keys ON placements;
                DROP TRIGGER rollup_update_keys ON placements;
                DROP TRIGGER rollup_delete_keys ON placements;
                DROP TRIGGER rollup_insert_keys ON grants;
                DROP TRIGGER rollup_update_keys ON grants;
                DROP TRIGGER rollup_delete_keys ON grants;
                DROP TRIGGER rollup_update_keys ON participants;
                DROP TRIGGER record_key_of_participant ON placement_person_years;
                DROP TRIGGER record_key_of_participant ON grant_person_years;
                DROP FUNCTION rollup_placement_keys_insert();
                DROP FUNCTION rollup_placement_keys_update();
                DROP FUNCTION rollup_placement_keys_delete();
                DROP FUNCTION rollup_grant_keys_insert();
                DROP FUNCTION rollup_grant_keys_update();
                DROP FUNCTION rollup_grant_keys_delete();
                DROP FUNCTION rollup_participant_keys_update();
                DROP FUNCTION record_key_of_participant();
                """);

            migrationBuilder.DropIndex(
                name: "ix_placement_person_years_region_id_year_district_id_measure_id",
                table: "placement_person_years");

            migrationBuilder.DropIndex(
                name: "ix_grant_person_years_region_id_year_district_id",
                table: "grant_person_years");

            migrationBuilder.DropColumn(
                name: "filled_key_sum",
                table: "employer_quotas");

            migrationBuilder.DropColumn(
                name: "record_key",
                table: "placement_person_years");

            migrationBuilder.DropColumn(
                name: "key_sum",
                table: "placement_months");

            migrationBuilder.DropColumn(
                name: "record_key",
                table: "grant_person_years");

            migrationBuilder.DropColumn(
                name: "key_sum",
                table: "grant_months");

            migrationBuilder.CreateIndex(
                name: "ix_placement_person_years_region_id_year_district_id_measure_id",
                table: "placement_person_years",
                columns: new[] { "region_id", "year", "district_id", "measure_id" })
                .Annotation("Npgsql:IndexInclude", new[] { "participant_id", "months", "disability_group", "sex", "age_band" });

            migrationBuilder.CreateIndex(
                name: "ix_grant_person_years_region_id_year_district_id",
                table: "grant_person_years",
                columns: new[] { "region_id", "year", "district_id" })
                .Annotation("Npgsql:IndexInclude", new[] { "participant_id", "months", "disability_group", "sex", "age_band" });

            migrationBuilder.Sql("""
                DROP TRIGGER record_key_unchanged ON participants;
                DROP TRIGGER record_key_unchanged ON placements;
                DROP TRIGGER record_key_unchanged ON grants;
                DROP TRIGGER record_key_unchanged ON employer_quotas;
                ALTER TABLE participants DROP COLUMN record_key;
                ALTER TABLE placements DROP COLUMN record_key;
                ALTER TABLE grants DROP COLUMN record_key;
                ALTER TABLE employer_quotas DROP COLUMN record_key;
                DROP FUNCTION refuse_record_key_change();
                DROP FUNCTION quota_place_key_sum(bigint, integer);
                DROP FUNCTION random_record_key();
                """);
        }

        // Every unit a public count counts gets a permanent random key when it is stored, whatever writes it (EF Core,
        // an import, COPY, psql): a column default, so no code can forget it. 32 bits of gen_random_uuid(), which
        // PostgreSQL draws from its cryptographically strong source (pg_strong_random). ADD COLUMN with a volatile
        // default draws one for every existing row too. The keys never change (a trigger refuses it) and no entity
        // maps them, so they never leave the database.
        private const string RecordKeys = """
            CREATE FUNCTION random_record_key() RETURNS bigint
            LANGUAGE sql VOLATILE PARALLEL SAFE
            RETURN ('x' || left(gen_random_uuid()::text, 8))::bit(32)::bigint;

            -- The keys of an employer quota's filled places: place i's key is 32 bits of md5(row key, i), a fixed
            -- function of the row's random key, so places 1..n keep their keys when place n + 1 is filled.
            CREATE FUNCTION quota_place_key_sum(record_key bigint, places integer) RETURNS bigint
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            RETURN (SELECT coalesce(sum(('x' || left(md5(record_key::text || ':' || i::text), 8))::bit(32)::bigint), 0)
                    FROM generate_series(1, places) AS i);

            CREATE FUNCTION refuse_record_key_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                RAISE EXCEPTION 'record keys never change (%.record_key)', TG_TABLE_NAME;
            END
            $fn$;

            ALTER TABLE participants ADD COLUMN record_key bigint NOT NULL DEFAULT random_record_key();
            ALTER TABLE placements ADD COLUMN record_key bigint NOT NULL DEFAULT random_record_key();
            ALTER TABLE grants ADD COLUMN record_key bigint NOT NULL DEFAULT random_record_key();
            ALTER TABLE employer_quotas ADD COLUMN record_key bigint NOT NULL DEFAULT random_record_key();

            CREATE TRIGGER record_key_unchanged BEFORE UPDATE OF record_key ON participants
                FOR EACH ROW WHEN (OLD.record_key IS DISTINCT FROM NEW.record_key) EXECUTE FUNCTION refuse_record_key_change();
            CREATE TRIGGER record_key_unchanged BEFORE UPDATE OF record_key ON placements
                FOR EACH ROW WHEN (OLD.record_key IS DISTINCT FROM NEW.record_key) EXECUTE FUNCTION refuse_record_key_change();
            CREATE TRIGGER record_key_unchanged BEFORE UPDATE OF record_key ON grants
                FOR EACH ROW WHEN (OLD.record_key IS DISTINCT FROM NEW.record_key) EXECUTE FUNCTION refuse_record_key_change();
            CREATE TRIGGER record_key_unchanged BEFORE UPDATE OF record_key ON employer_quotas
                FOR EACH ROW WHEN (OLD.record_key IS DISTINCT FROM NEW.record_key) EXECUTE FUNCTION refuse_record_key_change();
            """;

        // A person-year row carries its participant's key, so that a cell's people key is the sum over its DISTINCT
        // participants, read from the same index as the count. The key never changes, so it is set once, when the
        // rollup trigger of AddRollups inserts the row.
        private const string PersonKeyTriggers = """
            CREATE FUNCTION record_key_of_participant() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                NEW.record_key := (SELECT p.record_key FROM participants p WHERE p.id = NEW.participant_id);
                RETURN NEW;
            END
            $fn$;

            CREATE TRIGGER record_key_of_participant BEFORE INSERT ON placement_person_years
                FOR EACH ROW EXECUTE FUNCTION record_key_of_participant();
            CREATE TRIGGER record_key_of_participant BEFORE INSERT ON grant_person_years
                FOR EACH ROW EXECUTE FUNCTION record_key_of_participant();
            """;

        private const string PlacementMonthKey = "region_id, month, district_id, measure_id, disability_group, sex, age_band";

        private const string GrantMonthKey = "region_id, month, district_id, sector, disability_group, sex, age_band";

        // Rows whose rollup cell may have changed between the old and new version of an UPDATE (as in AddRollups).
        private const string ChangedOldPlacements = "(SELECT o.* FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id AND (n.participant_id, n.district_id, n.measure_id, n.date) = (o.participant_id, o.district_id, o.measure_id, o.date)))";

        private const string ChangedNewPlacements = "(SELECT n.* FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id AND (n.participant_id, n.district_id, n.measure_id, n.date) = (o.participant_id, o.district_id, o.measure_id, o.date)))";

        private const string ChangedOldGrants = "(SELECT o.* FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id AND (n.participant_id, n.district_id, n.date, n.sector) = (o.participant_id, o.district_id, o.date, o.sector)))";

        private const string ChangedNewGrants = "(SELECT n.* FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id AND (n.participant_id, n.district_id, n.date, n.sector) = (o.participant_id, o.district_id, o.date, o.sector)))";

        private const string ChangedParticipants = """
            changed AS (
                SELECT n.id, o.disability_group AS old_group, o.sex AS old_sex, o.birth_year AS old_birth_year,
                       n.disability_group, n.sex, n.birth_year
                FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE (o.disability_group, o.sex, o.birth_year) IS DISTINCT FROM (n.disability_group, n.sex, n.birth_year))
            """;

        private const string OldAttributes = "(SELECT id, old_group AS disability_group, old_sex AS sex, old_birth_year AS birth_year FROM changed)";

        private const string NewAttributes = "(SELECT id, disability_group, sex, birth_year FROM changed)";

        // The month rollups' key sums, kept by triggers of their own beside those of AddRollups (ADR 0007): PostgreSQL
        // fires a table's triggers of one event in name order, so "rollup_insert_keys" runs after "rollup_insert" has
        // made the cells, and "rollup_delete_keys" after "rollup_delete" has dropped the emptied ones. Each adds the
        // signed sum of the record keys of the statement's rows to the cells they count in, exactly as the counts are
        // added, so a key sum stays the sum of the keys of the events its cell counts.
        private static string KeySumTriggers => $$"""
            CREATE FUNCTION rollup_placement_keys_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                {{AddPlacementKeys(PlacementKeysOf("new_rows", "participants", string.Empty))}}
                RETURN NULL;
            END
            $fn$;

            CREATE FUNCTION rollup_placement_keys_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                {{AddPlacementKeys(PlacementKeysOf("old_rows", "participants", "-"))}}
                RETURN NULL;
            END
            $fn$;

            CREATE FUNCTION rollup_placement_keys_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                {{AddPlacementKeys(PlacementKeysOf(ChangedNewPlacements, "participants", string.Empty) + " UNION ALL " + PlacementKeysOf(ChangedOldPlacements, "participants", "-"))}}
                RETURN NULL;
            END
            $fn$;

            CREATE FUNCTION rollup_grant_keys_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                {{AddGrantKeys(GrantKeysOf("new_rows", "participants", string.Empty))}}
                RETURN NULL;
            END
            $fn$;

            CREATE FUNCTION rollup_grant_keys_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                {{AddGrantKeys(GrantKeysOf("old_rows", "participants", "-"))}}
                RETURN NULL;
            END
            $fn$;

            CREATE FUNCTION rollup_grant_keys_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                {{AddGrantKeys(GrantKeysOf(ChangedNewGrants, "participants", string.Empty) + " UNION ALL " + GrantKeysOf(ChangedOldGrants, "participants", "-"))}}
                RETURN NULL;
            END
            $fn$;

            CREATE FUNCTION rollup_participant_keys_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                WITH {{ChangedParticipants}}
                {{AddPlacementKeys(PlacementKeysOf("placements", NewAttributes, string.Empty) + " UNION ALL " + PlacementKeysOf("placements", OldAttributes, "-"))}}
                WITH {{ChangedParticipants}}
                {{AddGrantKeys(GrantKeysOf("grants", NewAttributes, string.Empty) + " UNION ALL " + GrantKeysOf("grants", OldAttributes, "-"))}}
                RETURN NULL;
            END
            $fn$;

            ALTER FUNCTION rollup_placement_keys_insert() SET work_mem = '64MB';
            ALTER FUNCTION rollup_placement_keys_update() SET work_mem = '64MB';
            ALTER FUNCTION rollup_placement_keys_delete() SET work_mem = '64MB';
            ALTER FUNCTION rollup_grant_keys_insert() SET work_mem = '64MB';
            ALTER FUNCTION rollup_grant_keys_update() SET work_mem = '64MB';
            ALTER FUNCTION rollup_grant_keys_delete() SET work_mem = '64MB';
            ALTER FUNCTION rollup_participant_keys_update() SET work_mem = '64MB';

            CREATE TRIGGER rollup_insert_keys AFTER INSERT ON placements REFERENCING NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION rollup_placement_keys_insert();
            CREATE TRIGGER rollup_update_keys AFTER UPDATE ON placements REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION rollup_placement_keys_update();
            CREATE TRIGGER rollup_delete_keys AFTER DELETE ON placements REFERENCING OLD TABLE AS old_rows
                FOR EACH STATEMENT EXECUTE FUNCTION rollup_placement_keys_delete();
            CREATE TRIGGER rollup_insert_keys AFTER INSERT ON grants REFERENCING NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION rollup_grant_keys_insert();
            CREATE TRIGGER rollup_update_keys AFTER UPDATE ON grants REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION rollup_grant_keys_update();
            CREATE TRIGGER rollup_delete_keys AFTER DELETE ON grants REFERENCING OLD TABLE AS old_rows
                FOR EACH STATEMENT EXECUTE FUNCTION rollup_grant_keys_delete();
            CREATE TRIGGER rollup_update_keys AFTER UPDATE ON participants REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION rollup_participant_keys_update();
            """;

        private static string Backfill => $$"""
            UPDATE placement_months c SET key_sum = t.key_sum FROM ({{PlacementKeysOf("placements", "participants", string.Empty)}}) t
            WHERE (c.region_id, c.month, c.district_id, c.measure_id, c.disability_group, c.sex, c.age_band)
                = (t.region_id, t.month, t.district_id, t.measure_id, t.disability_group, t.sex, t.age_band);
            UPDATE grant_months c SET key_sum = t.key_sum FROM ({{GrantKeysOf("grants", "participants", string.Empty)}}) t
            WHERE (c.region_id, c.month, c.district_id, c.sector, c.disability_group, c.sex, c.age_band)
                = (t.region_id, t.month, t.district_id, t.sector, t.disability_group, t.sex, t.age_band);
            UPDATE placement_person_years c SET record_key = p.record_key FROM participants p WHERE p.id = c.participant_id;
            UPDATE grant_person_years c SET record_key = p.record_key FROM participants p WHERE p.id = c.participant_id;
            """;

        private static string PlacementKeysOf(string rows, string people, string sign) => $"""
            SELECT d.region_id, date_trunc('month', x.date)::date AS month, x.district_id, x.measure_id, p.disability_group, p.sex,
                   age_band(extract(year FROM x.date)::integer - p.birth_year) AS age_band, {sign}sum(x.record_key) AS key_sum
            FROM {rows} x JOIN {people} p ON p.id = x.participant_id JOIN districts d ON d.id = x.district_id
            GROUP BY 1, 2, 3, 4, 5, 6, 7
            """;

        // Adds signed key sums to the cells that still exist (a cell emptied by the statement is gone already).
        private static string AddPlacementKeys(string deltas) => $"""
            UPDATE placement_months c SET key_sum = c.key_sum + t.key_sum
            FROM (SELECT {PlacementMonthKey}, sum(key_sum) AS key_sum FROM ({deltas}) u GROUP BY {PlacementMonthKey} HAVING sum(key_sum) <> 0) t
            WHERE (c.region_id, c.month, c.district_id, c.measure_id, c.disability_group, c.sex, c.age_band)
                = (t.region_id, t.month, t.district_id, t.measure_id, t.disability_group, t.sex, t.age_band);
            """;

        private static string GrantKeysOf(string rows, string people, string sign) => $"""
            SELECT d.region_id, date_trunc('month', x.date)::date AS month, x.district_id, x.sector, p.disability_group, p.sex,
                   age_band(extract(year FROM x.date)::integer - p.birth_year) AS age_band, {sign}sum(x.record_key) AS key_sum
            FROM {rows} x JOIN {people} p ON p.id = x.participant_id JOIN districts d ON d.id = x.district_id
            GROUP BY 1, 2, 3, 4, 5, 6, 7
            """;

        private static string AddGrantKeys(string deltas) => $"""
            UPDATE grant_months c SET key_sum = c.key_sum + t.key_sum
            FROM (SELECT {GrantMonthKey}, sum(key_sum) AS key_sum FROM ({deltas}) u GROUP BY {GrantMonthKey} HAVING sum(key_sum) <> 0) t
            WHERE (c.region_id, c.month, c.district_id, c.sector, c.disability_group, c.sex, c.age_band)
                = (t.region_id, t.month, t.district_id, t.sector, t.disability_group, t.sex, t.age_band);
            """;
    }
}
