using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Demo;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>Migrating and seeding the database, at start-up or as a command of the app.</summary>
public static class DatabaseStartup
{
    /// <summary>Applies pending migrations, then loads demo data into an empty database if asked.</summary>
    public static async Task PrepareAsync(IServiceProvider services, bool migrate, bool seedDemoData, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup));

        if (migrate)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();

            // A migration that backfills derived tables (AddRollups over ten million placements) runs for
            // minutes; the request timeout of the pages must not cut it off half-way (it would roll back).
            db.Database.SetCommandTimeout(TimeSpan.FromHours(2));
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Database schema is up to date ({Applied} migrations applied now)", pending.Count);
        }

        if (seedDemoData)
        {
            var seeded = await DemoDataLoader.SeedIfEmptyAsync(db, cancellationToken: cancellationToken);
            logger.LogInformation(seeded ? "Demo data loaded into the empty database" : "Database already holds data; demo data not loaded");
        }
    }
}
