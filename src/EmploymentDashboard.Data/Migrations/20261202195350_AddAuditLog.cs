using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EmploymentDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddAuditLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    user_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    subject = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    details = table.Column<string>(type: "jsonb", nullable: true),
                    before = table.Column<string>(type: "jsonb", nullable: true),
                    after = table.Column<string>(type: "jsonb", nullable: true),
                    client_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    relates_to = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_kind_occurred_at",
                table: "audit_log",
                columns: new[] { "kind", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_occurred_at",
                table: "audit_log",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_relates_to",
                table: "audit_log",
                column: "relates_to");

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_user_id_occurred_at",
                table: "audit_log",
                columns: new[] { "user_id", "occurred_at" });

            // The export log becomes part of the audit trail: each export is a start entry and, once it ended,
            // an end entry that refers to it (the trail is append-only, so an entry is never "completed" in place).
            migrationBuilder.Sql("""
                INSERT INTO audit_log (occurred_at, user_id, user_name, kind, action, subject, details)
                SELECT started_at, user_id, user_name, 'export', 'export.started', dataset,
                       jsonb_build_object('filters', filters, 'exportLogId', id)
                FROM export_logs ORDER BY id;

                INSERT INTO audit_log (occurred_at, user_id, user_name, kind, action, subject, details, relates_to)
                SELECT coalesce(x.finished_at, x.started_at), x.user_id, x.user_name, 'export', 'export.' || lower(x.status), x.dataset,
                       jsonb_build_object('filters', x.filters, 'rows', x.rows, 'exportLogId', x.id), a.id
                FROM export_logs x
                JOIN audit_log a ON a.action = 'export.started' AND (a.details ->> 'exportLogId')::bigint = x.id
                WHERE x.status <> 'Started'
                ORDER BY x.id;
                """);

            migrationBuilder.DropTable(
                name: "export_logs");

            // Append-only in the database itself: a statement trigger refuses UPDATE, DELETE and TRUNCATE for
            // every role (a statement trigger fires even when no row matches), and the privileges are taken away
            // from PUBLIC and from the owner. docs/operations/app-role.sql grants the app's role SELECT and INSERT only.
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit_log is append-only: % is refused', TG_OP
                        USING ERRCODE = 'insufficient_privilege',
                              HINT = 'Audit entries are never changed or removed; write a new entry instead.';
                END;
                $$;

                CREATE TRIGGER audit_log_append_only
                    BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

                REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
                REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM CURRENT_USER;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "export_logs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    dataset = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    filters = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    rows = table.Column<long>(type: "bigint", nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    user_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_export_logs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_export_logs_started_at",
                table: "export_logs",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "ix_export_logs_user_id_started_at",
                table: "export_logs",
                columns: new[] { "user_id", "started_at" });

            migrationBuilder.Sql("""
                INSERT INTO export_logs (user_id, user_name, dataset, filters, started_at, finished_at, rows, status)
                SELECT s.user_id, coalesce(s.user_name, s.user_id), s.subject, coalesce(s.details ->> 'filters', ''), s.occurred_at, e.occurred_at,
                       (e.details ->> 'rows')::bigint, coalesce(initcap(split_part(e.action, '.', 2)), 'Started')
                FROM audit_log s
                LEFT JOIN audit_log e ON e.relates_to = s.id
                WHERE s.action = 'export.started' AND s.user_id IS NOT NULL
                ORDER BY s.id;
                """);

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.Sql("DROP FUNCTION audit_log_refuse_change();");
        }
    }
}
