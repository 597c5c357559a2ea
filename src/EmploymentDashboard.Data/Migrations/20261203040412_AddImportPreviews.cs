using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EmploymentDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddImportPreviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "import_previews",
                columns: table => new
                {
                    token = table.Column<string>(type: "character(32)", fixedLength: true, maxLength: 32, nullable: false),
                    user_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    dataset = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    result = table.Column<string>(type: "jsonb", nullable: false),
                    has_rows = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_previews", x => x.token);
                });

            migrationBuilder.CreateTable(
                name: "import_preview_chunks",
                columns: table => new
                {
                    token = table.Column<string>(type: "character(32)", fixedLength: true, maxLength: 32, nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_preview_chunks", x => new { x.token, x.sequence });
                    table.ForeignKey(
                        name: "fk_import_preview_chunks_import_previews_token",
                        column: x => x.token,
                        principalTable: "import_previews",
                        principalColumn: "token",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_import_previews_expires_at",
                table: "import_previews",
                column: "expires_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "import_preview_chunks");

            migrationBuilder.DropTable(
                name: "import_previews");
        }
    }
}
