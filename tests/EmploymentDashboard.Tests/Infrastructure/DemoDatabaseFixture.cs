using EmploymentDashboard.Data.Demo;

namespace EmploymentDashboard.Tests.Infrastructure;

/// <summary>
/// A migrated database loaded with the demo data set, shared read-only by the tests of a collection.
/// Tests that write use their own database (see <see cref="TestDatabase"/>).
/// </summary>
public sealed class DemoDatabaseFixture : IAsyncLifetime
{
    private TestDatabase? _database;

    private DashboardAppFactory? _app;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>The web app over the demo database, started on first use (tests of a collection run one at a time).</summary>
    public DashboardAppFactory App => _app ??= new DashboardAppFactory(Database.ConnectionString);

    private HttpClient? _staff;

    /// <summary>A client signed in with the Staff role, which sees exact figures.</summary>
    public async Task<HttpClient> StaffClientAsync()
    {
        if (_staff is null)
        {
            const string email = "fixture-staff@test.local";
            const string password = "Fixture-Cobalt-Lantern-42";
            await App.CreateUserAsync(email, password, EmploymentDashboard.Data.Entities.DashboardRoles.Staff);
            _staff = await App.SignedInClientAsync(email, password);
        }

        return _staff;
    }

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.CreateContext();
        if (!await DemoDataLoader.SeedIfEmptyAsync(db))
        {
            throw new InvalidOperationException("A fresh test database unexpectedly held data.");
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DemoDatabaseCollection : ICollectionFixture<DemoDatabaseFixture>
{
    public const string Name = "Demo database";
}
