using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmploymentDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddGrantSectorMonths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "grant_sector_months",
                columns: table => new
                {
                    region_id = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    sector = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    grants = table.Column<long>(type: "bigint", nullable: false),
                    amount_kzt = table.Column<decimal>(type: "numeric", nullable: false),
                    amount_mci = table.Column<decimal>(type: "numeric", nullable: false),
                    key_sum = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_grant_sector_months", x => new { x.region_id, x.month, x.district_id, x.sector });
                });

            // Kept from grant_months in the writer's statement (ADR 0007): each statement adds the difference of the
            // grant_months rows it changed, per month, district and sector; a cell that falls to zero in every column goes.
            // Writers of grants already hold the statistics lock (stat_cells_lock, ADR 0011) when grant_months changes.
            migrationBuilder.Sql($"""
                CREATE FUNCTION grant_sector_months_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    {Apply("SELECT " + Columns + " FROM new_rows")}
                    RETURN NULL;
                END $$;

                CREATE FUNCTION grant_sector_months_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    {Apply("SELECT " + Negated + " FROM old_rows")}
                    RETURN NULL;
                END $$;

                CREATE FUNCTION grant_sector_months_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    {Apply("SELECT " + Columns + " FROM new_rows UNION ALL SELECT " + Negated + " FROM old_rows")}
                    RETURN NULL;
                END $$;

                CREATE FUNCTION grant_sector_months_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM grant_sector_months;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER grant_sector_months_insert AFTER INSERT ON grant_months
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION grant_sector_months_insert();
                CREATE TRIGGER grant_sector_months_delete AFTER DELETE ON grant_months
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION grant_sector_months_delete();
                CREATE TRIGGER grant_sector_months_update AFTER UPDATE ON grant_months
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION grant_sector_months_update();
                CREATE TRIGGER grant_sector_months_truncate AFTER TRUNCATE ON grant_months
                    FOR EACH STATEMENT EXECUTE FUNCTION grant_sector_months_truncated();

                INSERT INTO grant_sector_months (region_id, month, district_id, sector, grants, amount_kzt, amount_mci, key_sum)
                SELECT region_id, month, district_id, sector, sum(grants), sum(amount_kzt), sum(amount_mci), sum(key_sum)
                FROM grant_months
                GROUP BY region_id, month, district_id, sector
                HAVING sum(grants) <> 0;
                """);
        }

        private const string Columns = "region_id, month, district_id, sector, grants, amount_kzt, amount_mci, key_sum";

        private const string Negated = "region_id, month, district_id, sector, -grants, -amount_kzt, -amount_mci, -key_sum";

        /// <summary>
        /// Adds the summed rows of <paramref name="delta"/> (columns as <see cref="Columns"/>) to their cells, then removes
        /// the cells it touched that are left at zero in every column (two statements: a statement does not see its own
        /// CTE's writes). A cell without grants may still hold a key sum for a moment: grant_months writes counts and key
        /// sums in separate statements, and a cell dropped then would lose the key sum that a later statement takes back.
        /// </summary>
        private static string Apply(string delta) => $"""
            INSERT INTO grant_sector_months AS c ({Columns})
            SELECT region_id, month, district_id, sector, sum(grants), sum(amount_kzt), sum(amount_mci), sum(key_sum)
            FROM ({delta}) AS d ({Columns})
            GROUP BY region_id, month, district_id, sector
            ON CONFLICT (region_id, month, district_id, sector) DO UPDATE
                SET grants = c.grants + EXCLUDED.grants,
                    amount_kzt = c.amount_kzt + EXCLUDED.amount_kzt,
                    amount_mci = c.amount_mci + EXCLUDED.amount_mci,
                    key_sum = c.key_sum + EXCLUDED.key_sum;
            DELETE FROM grant_sector_months c
            USING (SELECT DISTINCT region_id, month, district_id, sector FROM ({delta}) AS d ({Columns})) AS k
            WHERE c.grants = 0 AND c.amount_kzt = 0 AND c.amount_mci = 0 AND c.key_sum = 0
              AND (c.region_id, c.month, c.district_id, c.sector) = (k.region_id, k.month, k.district_id, k.sector);
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER grant_sector_months_insert ON grant_months;
                DROP TRIGGER grant_sector_months_delete ON grant_months;
                DROP TRIGGER grant_sector_months_update ON grant_months;
                DROP TRIGGER grant_sector_months_truncate ON grant_months;
                DROP FUNCTION grant_sector_months_insert();
                DROP FUNCTION grant_sector_months_delete();
                DROP FUNCTION grant_sector_months_update();
                DROP FUNCTION grant_sector_months_truncated();
                """);

            migrationBuilder.DropTable(
                name: "grant_sector_months");
        }
    }
}
