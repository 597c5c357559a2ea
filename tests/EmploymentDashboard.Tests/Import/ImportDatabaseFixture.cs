using EmploymentDashboard.Data.Demo;
using EmploymentDashboard.Data.Import;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Import;

/// <summary>A database with the demo data, for import tests; helpers to preview and commit a file into it.</summary>
public sealed class ImportDatabaseFixture : IAsyncLifetime
{
    /// <summary>The import tests' "today": after the whole of 2025, early in 2026.</summary>
    public static readonly DateOnly Today = new(2026, 1, 15);

    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The fixture is not initialised.");

    public static async Task<TestDatabase> CreateDemoDatabaseAsync()
    {
        var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        await DemoDataLoader.SeedIfEmptyAsync(db);
        return database;
    }

    public static async Task<ImportResult> PreviewAsync(TestDatabase database, ImportDataset dataset, byte[] file, int year = 2025)
    {
        await using var db = database.CreateContext();
        var references = await ImportReferences.LoadAsync(db, year, Today, ImportFiles.Pseudonym, CancellationToken.None);
        return await new DataImporter(db).PreviewAsync(ImportDefinition.For(dataset), new MemoryStream(file), references, null, CancellationToken.None);
    }

    public static async Task<ImportResult> CommitAsync(TestDatabase database, ImportDataset dataset, byte[] file, int year = 2025, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var references = await ImportReferences.LoadAsync(db, year, Today, ImportFiles.Pseudonym, cancellationToken);
        return await new DataImporter(db).CommitFileAsync(ImportDefinition.For(dataset), new MemoryStream(file), references, new ImportAuthor("test-user", "test@test.local", "file.csv"), cancellationToken);
    }

    public async Task InitializeAsync() => _database = await CreateDemoDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
