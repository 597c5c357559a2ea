using System.Security.Cryptography;
using EmploymentDashboard.Data.Import;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data.Demo;

/// <summary>How the demo rows reach the database.</summary>
public enum DemoLoadPath
{
    /// <summary>As import files through the import (<see cref="DataImporter"/>), the way real data come in.</summary>
    Import,

    /// <summary>Straight from the generator's objects (EF Core); kept to check that the import path loads the same rows.</summary>
    Direct,
}

/// <summary>Loads the demo data set into an empty database, all or nothing.</summary>
public static class DemoDataLoader
{
    /// <summary>
    /// Adds the demo data set when the database holds no territory and no dataset record yet. Returns false,
    /// changing nothing, when the database already has data (demo or real). The territory (region, districts,
    /// measures) and the dataset record are reference data and are added directly; by default every other row
    /// then comes in as the demo's import files (<see cref="DemoImportFiles"/>) through the same importer as the
    /// import page, so a first start shows the import working. Everything runs in one transaction: the imports
    /// run in savepoints of it, and a failure or cancellation anywhere leaves the database empty.
    /// </summary>
    public static async Task<bool> SeedIfEmptyAsync(
        DashboardDbContext db,
        int seed = DemoDataGenerator.DefaultSeed,
        DemoLoadPath path = DemoLoadPath.Import,
        CancellationToken cancellationToken = default)
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
        db.DatasetInfo.Add(set.Info);
        if (path == DemoLoadPath.Direct)
        {
            db.Employers.AddRange(set.Employers);
            db.Participants.AddRange(set.Participants);
            db.Placements.AddRange(set.Placements);
            db.Grants.AddRange(set.Grants);
            db.EmployerQuotas.AddRange(set.Quotas);
            db.SpecialWorkplaces.AddRange(set.SpecialWorkplaces);
            db.DisabilityPopulations.AddRange(set.Populations);
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        if (path == DemoLoadPath.Import)
        {
            await ImportFilesAsync(db, DemoImportFiles.Create(set), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }

    /// <summary>
    /// Imports the demo files in order inside the caller's transaction. The files carry participant ids, not IINs,
    /// so the pseudonym key is never used: a throwaway one stands in, and no configured secret is needed.
    /// </summary>
    private static async Task ImportFilesAsync(DashboardDbContext db, IReadOnlyList<DemoImportFile> files, CancellationToken cancellationToken)
    {
        var pseudonym = new ParticipantPseudonym(RandomNumberGenerator.GetBytes(ParticipantPseudonym.MinimumKeyBytes));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var importer = new DataImporter(db);
        foreach (var file in files)
        {
            var references = await ImportReferences.LoadAsync(db, file.Year, today, pseudonym, cancellationToken);
            var result = await importer.CommitFileAsync(
                ImportDefinition.For(file.Dataset), new MemoryStream(file.Content, writable: false), references, new ImportAuthor(null, null, file.FileName), cancellationToken);
            if (!result.Committed)
            {
                var problems = string.Join("; ", result.Problems.Take(5).Select(p => $"row {p.Row} {p.Column}: {p.Code} {p.Detail}"));
                throw new InvalidOperationException($"The demo file {file.FileName} was refused by the import: {problems}");
            }
        }

        // The imports stamped the dataset as updated now; the demo says when its figures were last updated, fixed.
        await db.DatasetInfo.ExecuteUpdateAsync(s => s.SetProperty(i => i.LastUpdated, DemoDataGenerator.DemoLastUpdated), cancellationToken);
    }
}
