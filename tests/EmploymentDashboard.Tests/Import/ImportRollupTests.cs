using System.Globalization;
using EmploymentDashboard.Data.Import;
using EmploymentDashboard.Tests.Data;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Import;

/// <summary>
/// The rollups after imports: an import's merge rolls its inserted events up in one statement-level pass
/// (migration OneRollupPassForInsertedEvents), its updates through the triggers of AddRollups and AddRecordKeys;
/// either way every month cell, key sum and person-year must equal its recount from the base tables.
/// </summary>
public sealed class ImportRollupTests
{
    private static readonly string[] _districts = ["karaganda-city", "temirtau-city", "abay-district", "bukhar-zhyrau-district"];

    [Fact]
    public async Task Imports_that_add_update_and_mix_datasets_leave_every_rollup_equal_to_its_recount()
    {
        await using var database = await ImportDatabaseFixture.CreateDemoDatabaseAsync();
        await AssertRollupsMatchAsync(database, "the demo data");

        var first = await ImportDatabaseFixture.CommitAsync(database, ImportDataset.Placements, ImportFiles.Csv(ImportFiles.PlacementHeader, ImportFiles.PlacementRows(1, 300)));
        Assert.Equal((300L, 0L), (first.Added, first.Updated));
        await AssertRollupsMatchAsync(database, "new people's placements");

        // Half the people again, a third of them moved to another district and regrouped (participants and
        // placements updated), with a hundred new people in the same file (inserted).
        var mixed = ImportFiles.PlacementRows(151, 250);
        foreach (var row in mixed.Where((_, i) => i % 3 == 0 && i < 150))
        {
            row[4] = "saran-city";
            row[1] = row[1] == "3" ? "1" : "3";
        }

        var second = await ImportDatabaseFixture.CommitAsync(database, ImportDataset.Placements, ImportFiles.Csv(ImportFiles.PlacementHeader, mixed));
        Assert.True(second.Committed, string.Join(", ", second.Problems));
        Assert.Equal((100L, 50L), (second.Added, second.Updated));
        await AssertRollupsMatchAsync(database, "updated and new placements in one file");

        // Grants of people with placements and of new people, then the same people's grants again with new amounts.
        var grants = Enumerable.Range(360, 80).Select(n => GrantRow(n, "1966000")).ToList();
        var third = await ImportDatabaseFixture.CommitAsync(database, ImportDataset.Grants, GrantFile(grants));
        Assert.Equal((80L, 0L), (third.Added, third.Updated));
        await AssertRollupsMatchAsync(database, "grants");
        var fourth = await ImportDatabaseFixture.CommitAsync(database, ImportDataset.Grants, GrantFile(grants.Select(g => (IReadOnlyList<string>)[.. g[..6], "1572800", .. g[7..]])));
        Assert.Equal((0L, 80L), (fourth.Added, fourth.Updated));
        await AssertRollupsMatchAsync(database, "grants corrected by a re-import");

        var keys = await database.ScalarAsync(
            $"SELECT count(*) FROM placement_person_years y JOIN participants p ON p.id = y.participant_id WHERE y.record_key = p.record_key AND p.id = '{ImportFiles.Pseudonym.IdOf(ImportFiles.Iin(400))}'");
        Assert.Equal(1, keys);
    }

    private static string[] GrantRow(int n, string amount) =>
        [ImportFiles.Iin(n), (1 + (n % 3)).ToString(CultureInfo.InvariantCulture), n % 2 == 0 ? "female" : "male", ImportFiles.BirthYear(n).ToString(CultureInfo.InvariantCulture),
         _districts[n % 4], new DateOnly(2025, 1, 1).AddDays((n * 7) % 360).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), amount, "3932", n % 2 == 0 ? "crafts" : "services"];

    private static byte[] GrantFile(IEnumerable<IReadOnlyList<string>> rows) =>
        ImportFiles.Csv(["iin", "disability_group", "sex", "birth_year", "district", "date", "amount_kzt", "mci_kzt", "sector"], rows);

    private static async Task AssertRollupsMatchAsync(TestDatabase database, string step)
    {
        foreach (var (table, difference) in RollupTests.Differences)
        {
            var rows = await database.ScalarAsync(difference);
            Assert.True(rows == 0, $"after {step}: {rows} rows of {table} differ from their recount");
        }
    }
}
