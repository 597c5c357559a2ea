using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data.Demo;

/// <summary>Loads the demo data set into an empty database, all or nothing.</summary>
public static class DemoDataLoader
{
    /// <summary>
    /// Adds the demo data set when the database holds no territory and no dataset record yet.
    /// Returns false, changing nothing, when the database already has data (demo or real).
    /// </summary>
    public static async Task<bool> SeedIfEmptyAsync(DashboardDbContext db, int seed = DemoDataGenerator.DefaultSeed, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Serialise concurrent seeders (two app instances starting together) on a transaction-scoped lock.
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(1120)", cancellationToken);
        if (await db.Regions.AnyAsync(cancellationToken) || await db.DatasetInfo.AnyAsync(cancellationToken))
        {
            return false;
        }

        var set = new DemoDataGenerator(seed).Generate();
        db.Regions.Add(set.Region);
        db.SupportMeasures.AddRange(set.Measures);
        db.Employers.AddRange(set.Employers);
        db.Participants.AddRange(set.Participants);
        db.Placements.AddRange(set.Placements);
        db.Grants.AddRange(set.Grants);
        db.EmployerQuotas.AddRange(set.Quotas);
        db.SpecialWorkplaces.AddRange(set.SpecialWorkplaces);
        db.DisabilityPopulations.AddRange(set.Populations);
        db.DatasetInfo.Add(set.Info);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }
}
