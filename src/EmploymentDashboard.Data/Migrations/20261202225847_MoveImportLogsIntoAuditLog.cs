using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EmploymentDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class MoveImportLogsIntoAuditLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // One audit log (issue 10): every committed import recorded so far becomes an import.committed entry
            // with the same facts; from now on the importer writes that entry in the import's own transaction.
            migrationBuilder.Sql("""
                INSERT INTO audit_log (occurred_at, user_id, user_name, kind, action, subject, details)
                SELECT committed_at, user_id, user_name, 'import', 'import.committed', dataset,
                       jsonb_build_object('file', file_name, 'year', reporting_year, 'rows', rows_added + rows_updated + rows_unchanged,
                                          'added', rows_added, 'updated', rows_updated, 'unchanged', rows_unchanged, 'importLogId', id)
                FROM import_logs ORDER BY id;
                """);

            migrationBuilder.DropTable(
                name: "import_logs");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "import_logs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    committed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    dataset = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reporting_year = table.Column<int>(type: "integer", nullable: false),
                    rows_added = table.Column<long>(type: "bigint", nullable: false),
                    rows_unchanged = table.Column<long>(type: "bigint", nullable: false),
                    rows_updated = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_logs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_import_logs_committed_at",
                table: "import_logs",
                column: "committed_at");

            migrationBuilder.Sql("""
                INSERT INTO import_logs (user_id, user_name, dataset, file_name, reporting_year, committed_at, rows_added, rows_updated, rows_unchanged)
                SELECT coalesce(user_id, ''), coalesce(user_name, ''), subject, details ->> 'file', (details ->> 'year')::integer, occurred_at,
                       (details ->> 'added')::bigint, (details ->> 'updated')::bigint, (details ->> 'unchanged')::bigint
                FROM audit_log WHERE action = 'import.committed' ORDER BY id;
                """);
        }
    }
}
