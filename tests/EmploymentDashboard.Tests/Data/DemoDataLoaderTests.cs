using System.Data.Common;
using EmploymentDashboard.Data.Demo;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Respawn;

namespace EmploymentDashboard.Tests.Data;

/// <summary>Loading demo data: only into an empty database, all or nothing. Each test starts from an emptied database (Respawn).</summary>
public sealed class DemoDataLoaderTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        var respawner = await Respawner.CreateAsync(connection, new RespawnerOptions { DbAdapter = DbAdapter.Postgres, TablesToIgnore = ["__EFMigrationsHistory", "audit_log"] });
        await respawner.ResetAsync(connection);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Seeding_twice_loads_the_data_once()
    {
        await using (var db = _database.CreateContext())
        {
            Assert.True(await DemoDataLoader.SeedIfEmptyAsync(db));
        }

        var placements = await _database.ScalarAsync("SELECT count(*) FROM placements");
        await using (var db = _database.CreateContext())
        {
            Assert.False(await DemoDataLoader.SeedIfEmptyAsync(db));
        }

        Assert.Equal(placements, await _database.ScalarAsync("SELECT count(*) FROM placements"));
        Assert.Equal(1, await _database.ScalarAsync("SELECT count(*) FROM regions"));
    }

    [Fact]
    public async Task A_database_with_real_data_is_left_alone()
    {
        await using (var db = _database.CreateContext())
        {
            db.Regions.Add(new Region { Code = "real", Name = new LocalizedName("Реальная", "Нақты", "Real") });
            await db.SaveChangesAsync();
        }

        await using (var db = _database.CreateContext())
        {
            Assert.False(await DemoDataLoader.SeedIfEmptyAsync(db));
        }

        Assert.Equal(0, await _database.ScalarAsync("SELECT count(*) FROM districts"));
        Assert.Equal(0, await _database.ScalarAsync("SELECT count(*) FROM dataset_info"));
    }

    [Fact]
    public async Task A_cancelled_load_leaves_nothing_half_written()
    {
        using var cancel = new CancellationTokenSource();
        await using (var db = _database.CreateContext(new CancelOnFirstInsert(cancel)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DemoDataLoader.SeedIfEmptyAsync(db, cancellationToken: cancel.Token));
        }

        foreach (var table in new[] { "regions", "districts", "participants", "placements", "grants", "employers", "dataset_info" })
        {
            Assert.Equal(0, await _database.ScalarAsync($"SELECT count(*) FROM {table}"));
        }

        await using var again = _database.CreateContext();
        Assert.True(await DemoDataLoader.SeedIfEmptyAsync(again));
        Assert.Equal(1120, await again.Placements.Where(p => p.Date.Year == 2025).Select(p => p.ParticipantId)
            .Union(again.Grants.Where(g => g.Date.Year == 2025).Select(g => g.ParticipantId)).CountAsync());
    }
}

/// <summary>Cancels the load just after its first INSERT reached the database, so some rows were already sent.</summary>
internal sealed class CancelOnFirstInsert(CancellationTokenSource cancel) : DbCommandInterceptor
{
    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains("INSERT", StringComparison.Ordinal))
        {
            cancel.Cancel();
        }

        return ValueTask.FromResult(result);
    }
}
