using EmploymentDashboard.Bench.Soak;
using EmploymentDashboard.Data.Import;
using EmploymentDashboard.Tests.Import;

namespace EmploymentDashboard.Tests.Bench;

/// <summary>
/// The files the soak's importer uploads are accepted by the import, and consecutive files overlap by half: each
/// import adds people and matches people already there, as real monthly files do.
/// </summary>
public sealed class SoakImportFileTests
{
    [Fact]
    public async Task Each_soak_file_imports_without_problems_and_the_next_one_adds_half_and_matches_half()
    {
        await using var database = await ImportDatabaseFixture.CreateDemoDatabaseAsync();
        const int half = SoakImports.RowsPerFile / 2;

        var first = await ImportDatabaseFixture.CommitAsync(database, ImportDataset.Placements, SoakImports.Csv(1_000_000));
        var next = await ImportDatabaseFixture.PreviewAsync(database, ImportDataset.Placements, SoakImports.Csv(1_000_000 + half));

        Assert.Empty(first.Problems);
        Assert.Equal((SoakImports.RowsPerFile, 0L, 0L), (first.Added, first.Updated, first.Unchanged));
        Assert.Empty(next.Problems);
        Assert.Equal((half, 0L, half), (next.Added, next.Updated, next.Unchanged));
    }
}
