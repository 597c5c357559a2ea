using System.Globalization;
using EmploymentDashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data.Import;

/// <summary>
/// What an import resolves names against and checks values by: the districts and measures (by code, KATO
/// code or name in any of the three languages), the reporting year, today, and the pseudonym key.
/// </summary>
public sealed class ImportReferences
{
    private readonly Dictionary<string, int> _districts;
    private readonly Dictionary<string, (int Id, MeasureKind Kind)> _measures;

    private ImportReferences(Dictionary<string, int> districts, Dictionary<string, (int, MeasureKind)> measures, int year, DateOnly today, ParticipantPseudonym pseudonym)
    {
        _districts = districts;
        _measures = measures;
        Year = year;
        Today = today;
        Pseudonym = pseudonym;
    }

    /// <summary>The reporting year: every date and year of the file must fall in it.</summary>
    public int Year { get; }

    public DateOnly Today { get; }

    public ParticipantPseudonym Pseudonym { get; }

    public static async Task<ImportReferences> LoadAsync(DashboardDbContext db, int year, DateOnly today, ParticipantPseudonym pseudonym, CancellationToken cancellationToken)
    {
        var districts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in await db.Districts.AsNoTracking().Select(d => new { d.Id, d.Code, d.KatoCode, d.Name }).ToListAsync(cancellationToken))
        {
            foreach (var key in new[] { d.Code, d.KatoCode, d.Name.Ru, d.Name.Kk, d.Name.En })
            {
                if (!string.IsNullOrWhiteSpace(key))
                {
                    districts.TryAdd(Normalise(key), d.Id);
                }
            }
        }

        var measures = new Dictionary<string, (int, MeasureKind)>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in await db.SupportMeasures.AsNoTracking().Select(m => new { m.Id, m.Code, m.Name, m.Kind }).ToListAsync(cancellationToken))
        {
            foreach (var key in new[] { m.Code, m.Name.Ru, m.Name.Kk, m.Name.En })
            {
                measures.TryAdd(Normalise(key), (m.Id, m.Kind));
            }
        }

        return new ImportReferences(districts, measures, year, today, pseudonym);
    }

    public int? District(string value) => _districts.TryGetValue(Normalise(value), out var id) ? id : null;

    public (int Id, MeasureKind Kind)? Measure(string value) => _measures.TryGetValue(Normalise(value), out var m) ? m : null;

    /// <summary>Case, surrounding spaces, repeated spaces, ё/е and the Kazakh/Latin look-alike letters do not matter in names.</summary>
    internal static string Normalise(string value) =>
        string.Join(' ', value.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Replace('ё', 'е').Replace('Ё', 'Е').ToLower(CultureInfo.InvariantCulture);
}
