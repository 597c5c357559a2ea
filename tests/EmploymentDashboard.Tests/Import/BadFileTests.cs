using System.Text;
using EmploymentDashboard.Data.Import;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Import;

/// <summary>
/// The corpus of bad files, one per failure: each is refused with the expected problem (code, row, column) and
/// leaves every table exactly as it was (row counts and a checksum of the contents), though it was committed.
/// </summary>
public sealed class BadFileTests(ImportDatabaseFixture fixture) : IClassFixture<ImportDatabaseFixture>
{
    private static readonly string[] _quotaHeader = ["bin", "employer_name", "district", "headcount", "year", "quota_status", "places_set", "places_filled"];
    private static readonly string[] _grantHeader = ["iin", "disability_group", "sex", "birth_year", "district", "date", "amount_kzt", "mci_kzt", "sector"];

    public sealed record BadFile(string Name, ImportDataset Dataset, Func<byte[]> File, ImportProblemCode Code, long Row, string? Column, int Year = 2025, string? Detail = null)
    {
        public override string ToString() => Name;
    }

    private static List<string[]> Rows(int count) => ImportFiles.PlacementRows(1000, count);

    private static List<string[]> With(int index, int column, string value, int count = 3)
    {
        var rows = Rows(count);
        rows[index][column] = value;
        return rows;
    }

    private static byte[] Placements(IEnumerable<string[]> rows) => ImportFiles.Csv(ImportFiles.PlacementHeader, rows);

    public static TheoryData<BadFile> Corpus() =>
    [
        new("ragged row", ImportDataset.Placements, () => Placements([.. Rows(3).Select((r, i) => i == 1 ? r[..^2] : r)]), ImportProblemCode.RaggedRow, 3, null),
        new("unknown district", ImportDataset.Placements, () => Placements(With(0, 4, "Атлантида")), ImportProblemCode.UnknownDistrict, 2, "district", Detail: "Атлантида"),
        new("group IV", ImportDataset.Placements, () => Placements(With(2, 1, "IV")), ImportProblemCode.UnknownGroup, 4, "disability_group", Detail: "IV"),
        new("negative amount", ImportDataset.Grants, () => ImportFiles.Csv(_grantHeader, [[ImportFiles.Iin(7), "2", "male", ImportFiles.BirthYear(7).ToString(), "saran-city", "01.03.2025", "-1966000", "3932", "crafts"]]),
            ImportProblemCode.Negative, 2, "amount_kzt"),
        new("future date", ImportDataset.Placements, () => Placements(With(1, 6, "20.01.2026")), ImportProblemCode.DateInFuture, 3, "date", Year: 2026),
        new("date outside the reporting year", ImportDataset.Placements, () => Placements(With(1, 6, "2024-12-31")), ImportProblemCode.DateOutsidePeriod, 3, "date"),
        new("duplicate key in the file", ImportDataset.Placements, () => Placements([.. Rows(2), Rows(1)[0]]), ImportProblemCode.DuplicateInFile, 4, "date", Detail: "2"),
        new("IIN with a wrong check digit", ImportDataset.Placements, () => Placements(With(0, 0, WrongCheckDigit(ImportFiles.Iin(1000)))), ImportProblemCode.IinCheckDigit, 2, "iin"),
        new("IIN of 11 digits", ImportDataset.Placements, () => Placements(With(0, 0, ImportFiles.Iin(1000)[..11])), ImportProblemCode.IinFormat, 2, "iin"),
        new("BIN with a wrong check digit", ImportDataset.Quotas, () => ImportFiles.Csv(_quotaHeader, [[WrongCheckDigit(ValidBin), "ТОО Жарық", "saran-city", "120", "2025", "in_force", "3", "1"]]),
            ImportProblemCode.BinCheckDigit, 2, "bin"),
        new("formula injection", ImportDataset.Quotas, () => ImportFiles.Csv(_quotaHeader, [[ValidBin, "=HYPERLINK(\"http://evil.example\";\"x\")", "saran-city", "120", "2025", "in_force", "3", "1"]]),
            ImportProblemCode.FormulaText, 2, "employer_name"),
        new("a 10 MB single field", ImportDataset.Placements, () => Placements(With(0, 4, new string('x', 10 * 1024 * 1024))), ImportProblemCode.RecordTooLarge, 2, null),
        new("binary garbage", ImportDataset.Placements, () => [.. Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) % 256))], ImportProblemCode.FileBinary, 0, null),
        new("empty file", ImportDataset.Placements, () => [], ImportProblemCode.FileEmpty, 0, null),
        new("header only", ImportDataset.Placements, () => Placements([]), ImportProblemCode.HeaderOnly, 0, null),
        new("another dataset's header", ImportDataset.Placements, () => ImportFiles.Csv(["district", "year", "people_with_disabilities", "working_age", "employed"], [["saran-city", "2025", "10", "5", "2"]]),
            ImportProblemCode.OtherDatasetHeader, 1, null, Detail: "population"),
        new("Windows-1251 without BOM, read as Cyrillic", ImportDataset.Placements,
            () => ImportFiles.Csv(ImportFiles.PlacementHeader, With(0, 4, "Атлантида"), ';', Encoding.GetEncoding(1251)), ImportProblemCode.UnknownDistrict, 2, "district", Detail: "Атлантида"),
        new("Windows-1251 behind a UTF-8 BOM", ImportDataset.Placements,
            () => [0xEF, 0xBB, 0xBF, .. ImportFiles.Csv(ImportFiles.PlacementHeader, With(0, 4, "Сарань"), ';', Encoding.GetEncoding(1251))], ImportProblemCode.FileNotUtf8, 0, null),
        new("XLSX with merged cells", ImportDataset.Placements, () => ImportFiles.Xlsx(ImportFiles.PlacementHeader, Rows(3), mergedRange: "A2:B2"), ImportProblemCode.WorkbookMergedCells, 0, null, Detail: "A2:B2"),
        new("XLSX with a second sheet", ImportDataset.Placements, () => ImportFiles.Xlsx(ImportFiles.PlacementHeader, Rows(3), secondSheet: true), ImportProblemCode.WorkbookSeveralSheets, 0, null, Detail: "Data, Notes"),
        new("XLSX with a row wider than the header", ImportDataset.Placements, () => ImportFiles.Xlsx(ImportFiles.PlacementHeader, [.. Rows(2).Select((r, i) => i == 1 ? [.. r, "extra"] : r)]),
            ImportProblemCode.RaggedRow, 3, null),
        new("a grant in the events file", ImportDataset.Placements, () => Placements(With(0, 5, "business_grant")), ImportProblemCode.GrantMeasureInEvents, 2, "measure"),
        new("the same person with two groups", ImportDataset.Placements, () => Placements([Rows(1)[0], [.. Rows(1)[0][..1], "3", .. Rows(1)[0][2..5], "training", .. Rows(1)[0][6..]]]),
            ImportProblemCode.PersonDiffers, 3, "iin", Detail: "2"),
        new("an employer not imported yet", ImportDataset.Placements, () => Placements(With(0, 7, ValidBin)), ImportProblemCode.UnknownEmployer, 2, "employer_bin"),
        new("places filled above places set", ImportDataset.Quotas, () => ImportFiles.Csv(_quotaHeader, [[ValidBin, "ТОО Жарық", "saran-city", "120", "2025", "in_force", "3", "4"]]),
            ImportProblemCode.FilledAboveSet, 2, "places_filled"),
    ];

    /// <summary>A valid BIN not in the demo data (registered 05/2001, legal entity, check digit computed).</summary>
    private static string ValidBin => "010540000" + "00" + EmploymentDashboard.Data.Demo.BusinessIdentificationNumber.CheckDigit("01054000000");

    private static string WrongCheckDigit(string number) => number[..11] + (char)('0' + ((number[11] - '0' + 1) % 10));

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task A_bad_file_is_refused_with_its_problem_and_writes_nothing(BadFile file)
    {
        var before = await ImportFiles.FingerprintAsync(fixture.Database.ConnectionString);

        var result = await ImportDatabaseFixture.CommitAsync(fixture.Database, file.Dataset, file.File(), file.Year);

        Assert.False(result.Committed);
        var problem = Assert.Single(result.Problems, p => p.Code == file.Code);
        Assert.Equal(file.Row, problem.Row);
        Assert.Equal(file.Column, problem.Column);
        if (file.Detail is not null)
        {
            Assert.Equal(file.Detail, problem.Detail);
        }

        Assert.Equal(before, await ImportFiles.FingerprintAsync(fixture.Database.ConnectionString));
    }

    [Fact]
    public void The_valid_bin_of_the_corpus_is_valid()
    {
        Assert.Equal(IdentificationNumber.Check.Valid, IdentificationNumber.CheckBin(ValidBin));
        Assert.Equal(IdentificationNumber.Check.BadCheckDigit, IdentificationNumber.CheckBin(WrongCheckDigit(ValidBin)));
    }
}
