using EmploymentDashboard.Data.Csv;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Import;

namespace EmploymentDashboard.Data.Demo;

/// <summary>One file of the demo data set in an import dataset's format, for one reporting year.</summary>
public sealed record DemoImportFile(ImportDataset Dataset, int Year, byte[] Content)
{
    /// <summary>For example <c>2025-placements.csv</c>.</summary>
    public string FileName => $"{Year}-{ImportDefinition.For(Dataset).Code}.csv";
}

/// <summary>
/// Writes the demo data set as the files the import page takes (the columns its templates have; CSV, UTF-8 with
/// BOM, comma), one per dataset and reporting year, in the order they must be imported: the population context,
/// the employers and their quotas (placements name their employer by BIN), the placements, the grants. People
/// are given by their pseudonymous <c>participant_id</c>: the demo has no IIN, real-looking or not.
/// </summary>
public static class DemoImportFiles
{
    public static IReadOnlyList<DemoImportFile> Create(DemoDataSet set)
    {
        var files = new List<DemoImportFile>();
        foreach (var year in set.Populations.Select(p => p.Year).Distinct().Order())
        {
            files.Add(new DemoImportFile(ImportDataset.Population, year, Population(set, year)));
            files.Add(new DemoImportFile(ImportDataset.Quotas, year, Quotas(set, year)));
            files.Add(new DemoImportFile(ImportDataset.Placements, year, Placements(set, year)));
            files.Add(new DemoImportFile(ImportDataset.Grants, year, Grants(set, year)));
        }

        return files;
    }

    /// <summary>Writes every file into <paramref name="directory"/> (created if missing); returns their paths in import order.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(DemoDataSet set, string directory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var file in Create(set))
        {
            var path = Path.Combine(directory, file.FileName);
            await File.WriteAllBytesAsync(path, file.Content, cancellationToken);
            paths.Add(path);
        }

        return paths;
    }

    private static byte[] Population(DemoDataSet set, int year) => Write(ImportDataset.Population, set.Populations.Where(p => p.Year == year), (csv, p) => csv
        .Text(p.District!.Code).Number(p.Year).Number(p.PeopleWithDisabilities).Number(p.WorkingAge).Number(p.Employed));

    private static byte[] Quotas(DemoDataSet set, int year)
    {
        // The quota file has one special-workplace entry per quota row; the generator gives an employer at most one a year.
        var special = set.SpecialWorkplaces.Where(w => w.Year == year)
            .GroupBy(w => w.Employer!)
            .ToDictionary(g => g.Key, g => g.Count() == 1 ? g.Single() : throw new InvalidOperationException($"Employer {g.Key.Bin} has several special-workplace entries in {year}; the quota file holds one per quota."));
        if (special.Keys.Any(e => !set.Quotas.Any(q => q.Employer == e && q.Year == year && q.Status == QuotaStatus.InForce)))
        {
            throw new InvalidOperationException($"Special workplaces of {year} at an employer without a quota in force cannot be written as a quota row.");
        }

        return Write(ImportDataset.Quotas, set.Quotas.Where(q => q.Year == year), (csv, q) =>
        {
            csv.Text(q.Employer!.Bin).Text(q.Employer.Name).Text(q.Employer.District!.Code).Number(q.Employer.Headcount).Number(q.Year)
                .Text(q.Status == QuotaStatus.InForce ? "in_force" : "pending").Number(q.PlacesSet).Number(q.PlacesFilled);
            if (q.Status == QuotaStatus.InForce && special.TryGetValue(q.Employer, out var w))
            {
                csv.Number(w.Count).Text(w.ImpairmentType.ToString().ToLowerInvariant()).Number((long?)w.DisabilityGroup);
            }
            else
            {
                csv.Empty().Empty().Empty();
            }
        });
    }

    private static byte[] Placements(DemoDataSet set, int year) => Write(ImportDataset.Placements, set.Placements.Where(p => p.Date.Year == year), (csv, p) =>
    {
        Person(csv, p.Participant!);
        csv.Text(p.Measure!.Code).Date(p.Date).Text(p.Employer?.Bin);
    });

    private static byte[] Grants(DemoDataSet set, int year) => Write(ImportDataset.Grants, set.Grants.Where(g => g.Date.Year == year), (csv, g) =>
    {
        Person(csv, g.Participant!);
        csv.Date(g.Date).Number(g.AmountKzt).Number(g.MciKzt).Text(g.Sector.ToString().ToLowerInvariant());
    });

    /// <summary>The person columns: no IIN, the pseudonymous id instead.</summary>
    private static void Person(CsvWriter csv, Participant person) => csv
        .Empty().Number((long)person.DisabilityGroup).Text(person.Sex.ToString().ToLowerInvariant()).Number(person.BirthYear).Text(person.District!.Code).Text(person.Id);

    private static byte[] Write<T>(ImportDataset dataset, IEnumerable<T> rows, Action<CsvWriter, T> write)
    {
        using var stream = new MemoryStream();
        var csv = new CsvWriter(stream, CsvFormat.Comma);
        foreach (var column in ImportDefinition.For(dataset).Columns.Select(c => c.Code))
        {
            csv.Text(column);
        }

        csv.EndRowAsync().AsTask().GetAwaiter().GetResult();
        foreach (var row in rows)
        {
            write(csv, row);
            csv.EndRowAsync().AsTask().GetAwaiter().GetResult();
        }

        csv.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return stream.ToArray();
    }
}
