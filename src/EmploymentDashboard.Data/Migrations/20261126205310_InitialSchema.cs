using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EmploymentDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dataset_info",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    is_demo = table.Column<bool>(type: "boolean", nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    reporting_year = table.Column<int>(type: "integer", nullable: false),
                    last_updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dataset_info", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "regions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kato_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    name_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_kk = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_ru = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_regions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "support_measures",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    name_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_kk = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_ru = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_support_measures", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "districts",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    region_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kato_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    population = table.Column<int>(type: "integer", nullable: false),
                    population_year = table.Column<int>(type: "integer", nullable: false),
                    population_is_estimate = table.Column<bool>(type: "boolean", nullable: false),
                    latitude = table.Column<double>(type: "double precision", nullable: false),
                    longitude = table.Column<double>(type: "double precision", nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    name_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_kk = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_ru = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_districts", x => x.id);
                    table.ForeignKey(
                        name: "fk_districts_regions_region_id",
                        column: x => x.region_id,
                        principalTable: "regions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "disability_populations",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    people_with_disabilities = table.Column<int>(type: "integer", nullable: false),
                    working_age = table.Column<int>(type: "integer", nullable: false),
                    employed = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disability_populations", x => x.id);
                    table.CheckConstraint("ck_disability_populations_counts", "working_age <= people_with_disabilities AND employed <= working_age AND employed >= 0");
                    table.ForeignKey(
                        name: "fk_disability_populations_districts_district_id",
                        column: x => x.district_id,
                        principalTable: "districts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "employers",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    bin = table.Column<string>(type: "character(12)", fixedLength: true, maxLength: 12, nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    headcount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_employers", x => x.id);
                    table.ForeignKey(
                        name: "fk_employers_districts_district_id",
                        column: x => x.district_id,
                        principalTable: "districts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "participants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    disability_group = table.Column<short>(type: "smallint", nullable: false),
                    sex = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    birth_year = table.Column<int>(type: "integer", nullable: false),
                    district_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_participants", x => x.id);
                    table.CheckConstraint("ck_participants_disability_group", "disability_group BETWEEN 1 AND 3");
                    table.ForeignKey(
                        name: "fk_participants_districts_district_id",
                        column: x => x.district_id,
                        principalTable: "districts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "employer_quotas",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    employer_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    places_set = table.Column<int>(type: "integer", nullable: false),
                    places_filled = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_employer_quotas", x => x.id);
                    table.CheckConstraint("ck_employer_quotas_places", "places_set > 0 AND places_filled >= 0 AND places_filled <= places_set");
                    table.ForeignKey(
                        name: "fk_employer_quotas_employers_employer_id",
                        column: x => x.employer_id,
                        principalTable: "employers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "special_workplaces",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    employer_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    impairment_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    disability_group = table.Column<short>(type: "smallint", nullable: true),
                    count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_special_workplaces", x => x.id);
                    table.CheckConstraint("ck_special_workplaces_count", "count > 0");
                    table.ForeignKey(
                        name: "fk_special_workplaces_employers_employer_id",
                        column: x => x.employer_id,
                        principalTable: "employers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "grants",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    participant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    amount_kzt = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    mci_kzt = table.Column<int>(type: "integer", nullable: false),
                    sector = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_grants", x => x.id);
                    table.CheckConstraint("ck_grants_amount_positive", "amount_kzt > 0 AND mci_kzt > 0");
                    table.ForeignKey(
                        name: "fk_grants_districts_district_id",
                        column: x => x.district_id,
                        principalTable: "districts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_grants_participants_participant_id",
                        column: x => x.participant_id,
                        principalTable: "participants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "placements",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    participant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    measure_id = table.Column<int>(type: "integer", nullable: false),
                    district_id = table.Column<int>(type: "integer", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    employer_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_placements", x => x.id);
                    table.ForeignKey(
                        name: "fk_placements_districts_district_id",
                        column: x => x.district_id,
                        principalTable: "districts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_placements_employers_employer_id",
                        column: x => x.employer_id,
                        principalTable: "employers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_placements_participants_participant_id",
                        column: x => x.participant_id,
                        principalTable: "participants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_placements_support_measures_measure_id",
                        column: x => x.measure_id,
                        principalTable: "support_measures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_disability_populations_district_id_year",
                table: "disability_populations",
                columns: new[] { "district_id", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_disability_populations_year",
                table: "disability_populations",
                column: "year");

            migrationBuilder.CreateIndex(
                name: "ix_districts_code",
                table: "districts",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_districts_region_id_sort_order",
                table: "districts",
                columns: new[] { "region_id", "sort_order" });

            migrationBuilder.CreateIndex(
                name: "ix_employer_quotas_employer_id_year_status",
                table: "employer_quotas",
                columns: new[] { "employer_id", "year", "status" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_employer_quotas_year_status",
                table: "employer_quotas",
                columns: new[] { "year", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_employers_bin",
                table: "employers",
                column: "bin",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_employers_district_id",
                table: "employers",
                column: "district_id");

            migrationBuilder.CreateIndex(
                name: "ix_grants_date",
                table: "grants",
                column: "date");

            migrationBuilder.CreateIndex(
                name: "ix_grants_district_id_date",
                table: "grants",
                columns: new[] { "district_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_grants_participant_id",
                table: "grants",
                column: "participant_id");

            migrationBuilder.CreateIndex(
                name: "ix_participants_district_id",
                table: "participants",
                column: "district_id");

            migrationBuilder.CreateIndex(
                name: "ix_placements_date",
                table: "placements",
                column: "date");

            migrationBuilder.CreateIndex(
                name: "ix_placements_district_id_date",
                table: "placements",
                columns: new[] { "district_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_placements_employer_id",
                table: "placements",
                column: "employer_id");

            migrationBuilder.CreateIndex(
                name: "ix_placements_measure_id_date",
                table: "placements",
                columns: new[] { "measure_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_placements_participant_id",
                table: "placements",
                column: "participant_id");

            migrationBuilder.CreateIndex(
                name: "ix_regions_code",
                table: "regions",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_special_workplaces_employer_id",
                table: "special_workplaces",
                column: "employer_id");

            migrationBuilder.CreateIndex(
                name: "ix_special_workplaces_year_impairment_type",
                table: "special_workplaces",
                columns: new[] { "year", "impairment_type" });

            migrationBuilder.CreateIndex(
                name: "ix_support_measures_code",
                table: "support_measures",
                column: "code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dataset_info");

            migrationBuilder.DropTable(
                name: "disability_populations");

            migrationBuilder.DropTable(
                name: "employer_quotas");

            migrationBuilder.DropTable(
                name: "grants");

            migrationBuilder.DropTable(
                name: "placements");

            migrationBuilder.DropTable(
                name: "special_workplaces");

            migrationBuilder.DropTable(
                name: "participants");

            migrationBuilder.DropTable(
                name: "support_measures");

            migrationBuilder.DropTable(
                name: "employers");

            migrationBuilder.DropTable(
                name: "districts");

            migrationBuilder.DropTable(
                name: "regions");
        }
    }
}
