using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmploymentDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddEmployerQuotaYears : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "employer_quota_years",
                columns: table => new
                {
                    employer_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    region_id = table.Column<int>(type: "integer", nullable: false),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    district_order = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    bin = table.Column<string>(type: "character(12)", fixedLength: true, maxLength: 12, nullable: false),
                    headcount = table.Column<int>(type: "integer", nullable: false),
                    places_set = table.Column<int>(type: "integer", nullable: false),
                    places_filled = table.Column<int>(type: "integer", nullable: false),
                    unfilled = table.Column<int>(type: "integer", nullable: false, computedColumnSql: "places_set - places_filled", stored: true),
                    fulfilment = table.Column<decimal>(type: "numeric", nullable: false, computedColumnSql: "places_filled::numeric / places_set", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_employer_quota_years", x => new { x.employer_id, x.year });
                });

            migrationBuilder.CreateIndex(
                name: "ix_employer_quota_years_behind",
                table: "employer_quota_years",
                columns: new[] { "region_id", "year", "unfilled", "fulfilment", "name", "bin" },
                descending: new[] { false, false, true, false, false, false })
                .Annotation("Npgsql:IndexInclude", new[] { "employer_id", "district_id", "headcount", "places_set", "places_filled" });

            migrationBuilder.CreateIndex(
                name: "ix_employer_quota_years_district",
                table: "employer_quota_years",
                columns: new[] { "region_id", "year", "district_order", "name", "bin" })
                .Annotation("Npgsql:IndexInclude", new[] { "employer_id", "district_id", "headcount", "places_set", "places_filled", "unfilled" });

            migrationBuilder.CreateIndex(
                name: "ix_employer_quota_years_fulfilment",
                table: "employer_quota_years",
                columns: new[] { "region_id", "year", "fulfilment", "unfilled", "name", "bin" },
                descending: new[] { false, false, false, true, false, false })
                .Annotation("Npgsql:IndexInclude", new[] { "employer_id", "district_id", "headcount", "places_set", "places_filled" });

            migrationBuilder.CreateIndex(
                name: "ix_employer_quota_years_name",
                table: "employer_quota_years",
                columns: new[] { "region_id", "year", "name", "bin" })
                .Annotation("Npgsql:IndexInclude", new[] { "employer_id", "district_id", "headcount", "places_set", "places_filled", "unfilled" });

            // The triggers that keep the rollup in step with every write (ADR 0007), then the backfill.
            migrationBuilder.Sql(Functions);
            migrationBuilder.Sql(Triggers);
            migrationBuilder.Sql("SELECT employer_quota_years_rebuild();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER employer_quota_years_lock ON employers;
                DROP TRIGGER employer_quota_years_lock ON districts;
                DROP TRIGGER employer_quota_years_insert ON employer_quotas;
                DROP TRIGGER employer_quota_years_update ON employer_quotas;
                DROP TRIGGER employer_quota_years_delete ON employer_quotas;
                DROP TRIGGER employer_quota_years_truncate ON employer_quotas;
                DROP TRIGGER employer_quota_years_update ON employers;
                DROP TRIGGER employer_quota_years_update ON districts;
                DROP FUNCTION employer_quota_years_employer_quotas_insert();
                DROP FUNCTION employer_quota_years_employer_quotas_update();
                DROP FUNCTION employer_quota_years_employer_quotas_delete();
                DROP FUNCTION employer_quota_years_employers_update();
                DROP FUNCTION employer_quota_years_districts_update();
                DROP FUNCTION employer_quota_years_truncated();
                DROP FUNCTION employer_quota_years_refresh(integer[], integer[]);
                DROP FUNCTION employer_quota_years_rebuild();
                """);

            migrationBuilder.DropTable(
                name: "employer_quota_years");
        }

        // The columns of a row: the employer's in-force quotas of the year summed (one row at most: a unique index), with
        // the employer's name, BIN, headcount and district and the district's region and sort order. `keys` limits the
        // employers and years; rows of quotas in force only, so an employer-year without one has no row.
        private static string Rows(string keys) => $"""
            SELECT q.employer_id, q.year, d.region_id, e.district_id, d.sort_order, e.name, e.bin, e.headcount,
                   sum(q.places_set)::integer, sum(q.places_filled)::integer
            FROM {keys} JOIN employer_quotas q ON q.employer_id = k.employer_id AND q.year = k.year AND q.status = 'InForce'
            JOIN employers e ON e.id = q.employer_id JOIN districts d ON d.id = e.district_id
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
            ORDER BY 1, 2
            """;

        private const string Columns = "employer_id, year, region_id, district_id, district_order, name, bin, headcount, places_set, places_filled";

        // employer_quota_years_refresh recomputes the rows of the given (employer, year) pairs from the base tables: each
        // pair's row is written when it changed, or deleted when no quota of the employer is in force in that year any
        // more. Every trigger on employer_quotas passes the pairs of the rows a statement changed; an employer's or a
        // district's change of what the rows copy updates them in place. The rebuild (migration and TRUNCATE) starts from
        // scratch with DELETE, not TRUNCATE: one TRUNCATE statement may name the rollup too (Respawn does).
        private static string Functions => $$"""
            CREATE FUNCTION employer_quota_years_refresh(employer_ids integer[], years integer[]) RETURNS void LANGUAGE plpgsql AS $fn$
            BEGIN
                INSERT INTO employer_quota_years AS r ({{Columns}})
                {{Rows("(SELECT DISTINCT employer_id, year FROM unnest(employer_ids, years) AS u(employer_id, year)) k")}}
                ON CONFLICT (employer_id, year) DO UPDATE SET
                    region_id = excluded.region_id, district_id = excluded.district_id, district_order = excluded.district_order,
                    name = excluded.name, bin = excluded.bin, headcount = excluded.headcount,
                    places_set = excluded.places_set, places_filled = excluded.places_filled
                WHERE (r.region_id, r.district_id, r.district_order, r.name, r.bin, r.headcount, r.places_set, r.places_filled)
                    IS DISTINCT FROM (excluded.region_id, excluded.district_id, excluded.district_order, excluded.name, excluded.bin, excluded.headcount, excluded.places_set, excluded.places_filled);
                DELETE FROM employer_quota_years r
                USING (SELECT DISTINCT employer_id, year FROM unnest(employer_ids, years) AS u(employer_id, year)) k
                WHERE (r.employer_id, r.year) = (k.employer_id, k.year)
                    AND NOT EXISTS (SELECT 1 FROM employer_quotas q WHERE q.employer_id = k.employer_id AND q.year = k.year AND q.status = 'InForce');
            END
            $fn$;

            CREATE FUNCTION employer_quota_years_rebuild() RETURNS void LANGUAGE plpgsql AS $fn$
            BEGIN
                DELETE FROM employer_quota_years;
                INSERT INTO employer_quota_years ({{Columns}})
                {{Rows("(SELECT DISTINCT employer_id, year FROM employer_quotas WHERE status = 'InForce') k")}};
            END
            $fn$;
            """;

        // Writers take the advisory lock of the quota rollups (1123, migration AddQuotaCells) before their first row, held
        // to their commit: quota writers already do, and so do employer moves and deletes. Here also a change of an
        // employer's name, BIN or headcount and of a district's region or sort order, which the rows copy. Without it a
        // quota inserted for an employer being renamed by an uncommitted transaction would keep the old name: the rename's
        // trigger cannot see the new row, nor the insert's trigger the new name. Later statements of a trigger take fresh
        // snapshots, so each writer's trigger sees what the one before it committed.
        //
        // Quota rows deleted with their employer (ON DELETE CASCADE) fire the DELETE trigger on employer_quotas: the
        // refresh finds no quota in force for those pairs and deletes their rows.
        private static string Triggers => $$"""
            CREATE TRIGGER employer_quota_years_lock BEFORE UPDATE OF name, bin, headcount ON employers FOR EACH STATEMENT EXECUTE FUNCTION quota_cells_lock();
            CREATE TRIGGER employer_quota_years_lock BEFORE UPDATE OF region_id, sort_order ON districts FOR EACH STATEMENT EXECUTE FUNCTION quota_cells_lock();

            CREATE FUNCTION employer_quota_years_employer_quotas_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                PERFORM employer_quota_years_refresh(array_agg(employer_id), array_agg(year)) FROM new_rows WHERE status = 'InForce' HAVING count(*) > 0;
                RETURN NULL;
            END
            $fn$;
            CREATE FUNCTION employer_quota_years_employer_quotas_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                PERFORM employer_quota_years_refresh(array_agg(employer_id), array_agg(year)) FROM old_rows WHERE status = 'InForce' HAVING count(*) > 0;
                RETURN NULL;
            END
            $fn$;

            -- Only rows whose pair, status or places changed count: their old pair and their new one.
            CREATE FUNCTION employer_quota_years_employer_quotas_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                PERFORM employer_quota_years_refresh(array_agg(c.employer_id), array_agg(c.year))
                FROM (SELECT o.employer_id, o.year FROM old_rows o JOIN new_rows n ON n.id = o.id
                      WHERE (o.employer_id, o.year, o.status, o.places_set, o.places_filled) IS DISTINCT FROM (n.employer_id, n.year, n.status, n.places_set, n.places_filled)
                        AND 'InForce' IN (o.status, n.status)
                      UNION ALL
                      SELECT n.employer_id, n.year FROM old_rows o JOIN new_rows n ON n.id = o.id
                      WHERE (o.employer_id, o.year, o.status, o.places_set, o.places_filled) IS DISTINCT FROM (n.employer_id, n.year, n.status, n.places_set, n.places_filled)
                        AND 'InForce' IN (o.status, n.status)) c
                HAVING count(*) > 0;
                RETURN NULL;
            END
            $fn$;
            CREATE TRIGGER employer_quota_years_insert AFTER INSERT ON employer_quotas REFERENCING NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION employer_quota_years_employer_quotas_insert();
            CREATE TRIGGER employer_quota_years_update AFTER UPDATE ON employer_quotas REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION employer_quota_years_employer_quotas_update();
            CREATE TRIGGER employer_quota_years_delete AFTER DELETE ON employer_quotas REFERENCING OLD TABLE AS old_rows
                FOR EACH STATEMENT EXECUTE FUNCTION employer_quota_years_employer_quotas_delete();

            CREATE FUNCTION employer_quota_years_truncated() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                PERFORM employer_quota_years_rebuild();
                RETURN NULL;
            END
            $fn$;
            CREATE TRIGGER employer_quota_years_truncate AFTER TRUNCATE ON employer_quotas FOR EACH STATEMENT EXECUTE FUNCTION employer_quota_years_truncated();

            -- An employer moved, renamed, given another BIN or headcount: its rows follow. PostgreSQL allows no column list on
            -- a trigger with transition tables, so every UPDATE fires and only a change of a copied column counts.
            CREATE FUNCTION employer_quota_years_employers_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                UPDATE employer_quota_years r
                SET region_id = d.region_id, district_id = n.district_id, district_order = d.sort_order, name = n.name, bin = n.bin, headcount = n.headcount
                FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN districts d ON d.id = n.district_id
                WHERE r.employer_id = n.id AND (o.district_id, o.name, o.bin, o.headcount) IS DISTINCT FROM (n.district_id, n.name, n.bin, n.headcount);
                RETURN NULL;
            END
            $fn$;
            CREATE TRIGGER employer_quota_years_update AFTER UPDATE ON employers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION employer_quota_years_employers_update();

            -- A district moved to another region or reordered: the rows of its employers follow (a rare change of reference
            -- data, which reads the rollup whole).
            CREATE FUNCTION employer_quota_years_districts_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                UPDATE employer_quota_years r SET region_id = n.region_id, district_order = n.sort_order
                FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE r.district_id = n.id AND (o.region_id, o.sort_order) IS DISTINCT FROM (n.region_id, n.sort_order);
                RETURN NULL;
            END
            $fn$;
            CREATE TRIGGER employer_quota_years_update AFTER UPDATE ON districts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION employer_quota_years_districts_update();
            """;
    }
}
