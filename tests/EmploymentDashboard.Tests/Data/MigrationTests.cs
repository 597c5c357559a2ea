using EmploymentDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var db = database.CreateContext();

        Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());
        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        foreach (var table in new[] { "regions", "districts", "support_measures", "participants", "placements", "employers", "employer_quotas", "special_workplaces", "grants", "disability_populations", "dataset_info", "import_previews", "import_preview_chunks" })
        {
            Assert.Equal(1, await database.ScalarAsync($"SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '{table}'"));
        }
    }

    [Fact]
    public async Task Model_has_no_changes_missing_from_the_migrations()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(), "The model has changed since the last migration: run `dotnet ef migrations add <Name> --project src/EmploymentDashboard.Data`.");
    }

    [Fact]
    public async Task Dashboard_filters_are_indexed()
    {
        await using var database = await TestDatabase.CreateAsync();

        foreach (var index in new[] { "ix_placements_date", "ix_placements_district_id_date", "ix_placements_measure_id_date", "ix_grants_district_id_date", "ix_employer_quotas_year_status", "ix_disability_populations_district_id_year" })
        {
            Assert.Equal(1, await database.ScalarAsync($"SELECT count(*) FROM pg_indexes WHERE indexname = '{index}'"));
        }
    }

    [Fact]
    public async Task Participants_table_has_no_column_for_names_or_national_ids()
    {
        await using var database = await TestDatabase.CreateAsync();

        var personalColumns = await database.ScalarAsync(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'participants' "
            + "AND column_name NOT IN ('id', 'disability_group', 'sex', 'birth_year', 'district_id', 'record_key')");
        Assert.Equal(0, personalColumns);
    }
}
