using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmploymentDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddQuotaCells : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_employer_quotas_year_status",
                table: "employer_quotas");

            migrationBuilder.CreateTable(
                name: "quota_cells",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    quotas = table.Column<long>(type: "bigint", nullable: false),
                    places_set = table.Column<long>(type: "bigint", nullable: false),
                    places_filled = table.Column<long>(type: "bigint", nullable: false),
                    filled_key_sum = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_quota_cells", x => new { x.year, x.district_id, x.status });
                });

            migrationBuilder.CreateTable(
                name: "special_workplace_cells",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    impairment_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    workplaces = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_special_workplace_cells", x => new { x.year, x.district_id, x.impairment_type });
                });

            // The staff's employer list (which stays on the base tables: it lists employers) reads a year's quotas in
            // force from this index alone, with no visit to the table: at 1M placements (30,000 employers) its count and
            // page queries went from a median 24 ms to 11 ms (ADR 0007).
            migrationBuilder.CreateIndex(
                name: "ix_employer_quotas_year_status",
                table: "employer_quotas",
                columns: new[] { "year", "status" })
                .Annotation("Npgsql:IndexInclude", new[] { "employer_id", "places_set", "places_filled" });

            // The triggers that keep both rollups in step with every write (ADR 0007), then the backfill.
            migrationBuilder.Sql(Functions);
            migrationBuilder.Sql(Triggers);
            migrationBuilder.Sql("SELECT quota_cells_rebuild();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER quota_cells_lock ON employer_quotas;
                DROP TRIGGER quota_cells_lock ON special_workplaces;
                DROP TRIGGER quota_cells_lock ON employers;
                DROP TRIGGER quota_cells_insert ON employer_quotas;
                DROP TRIGGER quota_cells_update ON employer_quotas;
                DROP TRIGGER quota_cells_delete ON employer_quotas;
                DROP TRIGGER quota_cells_truncate ON employer_quotas;
                DROP TRIGGER quota_cells_insert ON special_workplaces;
                DROP TRIGGER quota_cells_update ON special_workplaces;
                DROP TRIGGER quota_cells_delete ON special_workplaces;
                DROP TRIGGER quota_cells_truncate ON special_workplaces;
                DROP TRIGGER quota_cells_move ON employers;
                DROP TRIGGER quota_cells_delete ON employers;
                DROP FUNCTION quota_cells_lock();
                DROP FUNCTION quota_cells_employer_quotas_insert();
                DROP FUNCTION quota_cells_employer_quotas_update();
                DROP FUNCTION quota_cells_employer_quotas_delete();
                DROP FUNCTION quota_cells_special_workplaces_insert();
                DROP FUNCTION quota_cells_special_workplaces_update();
                DROP FUNCTION quota_cells_special_workplaces_delete();
                DROP FUNCTION quota_cells_employers_move();
                DROP FUNCTION quota_cells_employer_delete();
                DROP FUNCTION quota_cells_truncated();
                DROP FUNCTION quota_cells_rebuild();
                """);

            migrationBuilder.DropTable(
                name: "quota_cells");

            migrationBuilder.DropTable(
                name: "special_workplace_cells");

            migrationBuilder.DropIndex(
                name: "ix_employer_quotas_year_status",
                table: "employer_quotas");

            migrationBuilder.CreateIndex(
                name: "ix_employer_quotas_year_status",
                table: "employer_quotas",
                columns: new[] { "year", "status" });
        }

        // One rollup of rows that belong to an employer: its table, the source table, the key column besides the year
        // and the district (which comes from the employer), the value columns with their aggregates over source rows `x`, and
        // the source columns whose change moves a row between cells or changes its values.
        private sealed record EmployerRollup(string Table, string Source, string Kind, (string Column, string Aggregate)[] Values, string Compared);

        private static readonly EmployerRollup Quotas = new(
            "quota_cells",
            "employer_quotas",
            "status",
            [("quotas", "count(*)"), ("places_set", "sum(x.places_set)"), ("places_filled", "sum(x.places_filled)"), ("filled_key_sum", "sum(x.filled_key_sum)")],
            "employer_id, year, status, places_set, places_filled");

        private static readonly EmployerRollup Workplaces = new(
            "special_workplace_cells",
            "special_workplaces",
            "impairment_type",
            [("workplaces", "sum(x.count)")],
            "employer_id, year, impairment_type, count");

        // The rollups from scratch: at migration, and after a TRUNCATE (which fires no row-level changes).
        // DELETE, not TRUNCATE: one TRUNCATE statement may name the rollups too (Respawn does).
        private static string Functions => $$"""
            CREATE FUNCTION quota_cells_rebuild() RETURNS void LANGUAGE plpgsql AS $fn$
            BEGIN
                DELETE FROM {{Quotas.Table}};
                {{Add(Quotas, DeltasOf(Quotas, Quotas.Source, "employers", string.Empty))}}
                DELETE FROM {{Workplaces.Table}};
                {{Add(Workplaces, DeltasOf(Workplaces, Workplaces.Source, "employers", string.Empty))}}
            END
            $fn$;
            """;

        // Every writer of quotas, special workplaces or an employer's district first takes one lock for both rollups
        // (held to its commit). Without it a quota inserted for an employer whose move to another district is not yet
        // committed would be counted in the old district, and the move, not seeing the new quota, would leave it there.
        // Later statements of a trigger take fresh snapshots, so each sees what the other writer committed. Such writes
        // are imports and corrections, rare next to reads, which never wait.
        //
        // A quota row's district is its employer's. Rows deleted with their employer (ON DELETE CASCADE) are taken out
        // by the employer's BEFORE DELETE row trigger, while the employer still names the district; by the time the
        // cascaded DELETE's own trigger runs the employer is gone, so its join finds nothing and counts them no second time.
        private static string Triggers => $$"""
            CREATE FUNCTION quota_cells_lock() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                PERFORM pg_advisory_xact_lock(1123);
                RETURN NULL;
            END
            $fn$;
            CREATE TRIGGER quota_cells_lock BEFORE INSERT OR UPDATE OR DELETE ON employer_quotas FOR EACH STATEMENT EXECUTE FUNCTION quota_cells_lock();
            CREATE TRIGGER quota_cells_lock BEFORE INSERT OR UPDATE OR DELETE ON special_workplaces FOR EACH STATEMENT EXECUTE FUNCTION quota_cells_lock();
            CREATE TRIGGER quota_cells_lock BEFORE UPDATE OF district_id OR DELETE ON employers FOR EACH STATEMENT EXECUTE FUNCTION quota_cells_lock();

            {{SourceTriggers(Quotas)}}
            {{SourceTriggers(Workplaces)}}

            CREATE FUNCTION quota_cells_truncated() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                PERFORM quota_cells_rebuild();
                RETURN NULL;
            END
            $fn$;
            CREATE TRIGGER quota_cells_truncate AFTER TRUNCATE ON employer_quotas FOR EACH STATEMENT EXECUTE FUNCTION quota_cells_truncated();
            CREATE TRIGGER quota_cells_truncate AFTER TRUNCATE ON special_workplaces FOR EACH STATEMENT EXECUTE FUNCTION quota_cells_truncated();

            -- An employer moved to another district takes its quotas and workplaces along (found by employer_id).
            -- PostgreSQL allows no column list on a trigger with transition tables, so every UPDATE fires and only
            -- a changed district counts.
            CREATE FUNCTION quota_cells_employers_move() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                WITH {{Moved}}
                {{Add(Quotas, DeltasOf(Quotas, Quotas.Source, "(SELECT id, district_id FROM moved)", string.Empty) + " UNION ALL " + DeltasOf(Quotas, Quotas.Source, "(SELECT id, old_district_id AS district_id FROM moved)", "-"))}}
                WITH {{Moved}}
                {{RemoveEmpty(Quotas, DeltasOf(Quotas, Quotas.Source, "(SELECT id, old_district_id AS district_id FROM moved)", string.Empty))}}
                WITH {{Moved}}
                {{Add(Workplaces, DeltasOf(Workplaces, Workplaces.Source, "(SELECT id, district_id FROM moved)", string.Empty) + " UNION ALL " + DeltasOf(Workplaces, Workplaces.Source, "(SELECT id, old_district_id AS district_id FROM moved)", "-"))}}
                WITH {{Moved}}
                {{RemoveEmpty(Workplaces, DeltasOf(Workplaces, Workplaces.Source, "(SELECT id, old_district_id AS district_id FROM moved)", string.Empty))}}
                RETURN NULL;
            END
            $fn$;
            CREATE TRIGGER quota_cells_move AFTER UPDATE ON employers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION quota_cells_employers_move();

            CREATE FUNCTION quota_cells_employer_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                {{Add(Quotas, DeltasOf(Quotas, Quotas.Source, "(SELECT OLD.id AS id, OLD.district_id AS district_id)", "-"))}}
                {{RemoveEmpty(Quotas, DeltasOf(Quotas, Quotas.Source, "(SELECT OLD.id AS id, OLD.district_id AS district_id)", string.Empty))}}
                {{Add(Workplaces, DeltasOf(Workplaces, Workplaces.Source, "(SELECT OLD.id AS id, OLD.district_id AS district_id)", "-"))}}
                {{RemoveEmpty(Workplaces, DeltasOf(Workplaces, Workplaces.Source, "(SELECT OLD.id AS id, OLD.district_id AS district_id)", string.Empty))}}
                RETURN OLD;
            END
            $fn$;
            CREATE TRIGGER quota_cells_delete BEFORE DELETE ON employers FOR EACH ROW EXECUTE FUNCTION quota_cells_employer_delete();
            """;

        private const string Moved = "moved AS (SELECT n.id, o.district_id AS old_district_id, n.district_id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.district_id <> n.district_id)";

        // Inserted rows add to their cells, deleted rows subtract, and an UPDATE counts only the rows whose key or
        // values changed, as the old version subtracted and the new one added (an update of nothing they count costs nothing).
        private static string SourceTriggers(EmployerRollup r)
        {
            var changedOld = $"(SELECT o.* FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id AND ({Prefixed("n", r.Compared)}) = ({Prefixed("o", r.Compared)})))";
            var changedNew = $"(SELECT n.* FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id AND ({Prefixed("n", r.Compared)}) = ({Prefixed("o", r.Compared)})))";
            return $$"""
                CREATE FUNCTION quota_cells_{{r.Source}}_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    {{Add(r, DeltasOf(r, "new_rows", "employers", string.Empty))}}
                    RETURN NULL;
                END
                $fn$;
                CREATE FUNCTION quota_cells_{{r.Source}}_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    {{Add(r, DeltasOf(r, "old_rows", "employers", "-"))}}
                    {{RemoveEmpty(r, DeltasOf(r, "old_rows", "employers", string.Empty))}}
                    RETURN NULL;
                END
                $fn$;
                CREATE FUNCTION quota_cells_{{r.Source}}_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    {{Add(r, DeltasOf(r, changedNew, "employers", string.Empty) + " UNION ALL " + DeltasOf(r, changedOld, "employers", "-"))}}
                    {{RemoveEmpty(r, DeltasOf(r, changedOld, "employers", string.Empty))}}
                    RETURN NULL;
                END
                $fn$;
                CREATE TRIGGER quota_cells_insert AFTER INSERT ON {{r.Source}} REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION quota_cells_{{r.Source}}_insert();
                CREATE TRIGGER quota_cells_update AFTER UPDATE ON {{r.Source}} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION quota_cells_{{r.Source}}_update();
                CREATE TRIGGER quota_cells_delete AFTER DELETE ON {{r.Source}} REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION quota_cells_{{r.Source}}_delete();
                """;
        }

        private static string Prefixed(string alias, string columns) => string.Join(", ", columns.Split(", ").Select(c => $"{alias}.{c}"));

        // Source rows of `rows` aggregated per cell, each in the district of its employer in `employers` (id, district_id);
        // sign "-" for rows that leave. Rows whose employer is not in `employers` count nowhere.
        private static string DeltasOf(EmployerRollup r, string rows, string employers, string sign) => $"""
            SELECT x.year, e.district_id, x.{r.Kind}, {string.Join(", ", r.Values.Select(v => $"{sign}{v.Aggregate} AS {v.Column}"))}
            FROM {rows} x JOIN {employers} e ON e.id = x.employer_id
            GROUP BY 1, 2, 3
            """;

        // Adds signed values to the cells, in key order so that concurrent writers lock cells in the same order.
        private static string Add(EmployerRollup r, string deltas)
        {
            var key = $"year, district_id, {r.Kind}";
            return $"""
                INSERT INTO {r.Table} AS c ({key}, {string.Join(", ", r.Values.Select(v => v.Column))})
                SELECT {key}, {string.Join(", ", r.Values.Select(v => $"sum({v.Column})"))} FROM ({deltas}) t
                GROUP BY 1, 2, 3 HAVING {string.Join(" OR ", r.Values.Select(v => $"sum({v.Column}) <> 0"))} ORDER BY 1, 2, 3
                ON CONFLICT ({key}) DO UPDATE SET {string.Join(", ", r.Values.Select(v => $"{v.Column} = c.{v.Column} + excluded.{v.Column}"))};
                """;
        }

        // Cells a change emptied (every value zero) are deleted.
        private static string RemoveEmpty(EmployerRollup r, string keys) => $"""
            DELETE FROM {r.Table} c USING ({keys}) k
            WHERE (c.year, c.district_id, c.{r.Kind}) = (k.year, k.district_id, k.{r.Kind})
                AND {string.Join(" AND ", r.Values.Select(v => $"c.{v.Column} = 0"))};
            """;
    }
}
