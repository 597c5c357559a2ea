using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data.Csv;

/// <summary>
/// Record-level datasets for analysts: placements, grants, participants (pseudonymous ids only) and
/// employer quotas, filtered like the dashboards. Each streams from PostgreSQL straight into a
/// <see cref="CsvWriter"/> (AsAsyncEnumerable, no tracking): rows are never collected in memory, and
/// cancelling the download cancels the query.
/// </summary>
public static class RecordExports
{
    public static readonly IReadOnlyList<string> Datasets = ["placements", "grants", "participants", "quotas"];

    /// <summary>The stable column codes of a dataset, in file order.</summary>
    public static IReadOnlyList<string> Columns(string dataset) => dataset switch
    {
        "placements" => ["placement_id", "participant_id", "measure_code", "district_code", "date", "employer_bin", "disability_group", "sex", "birth_year"],
        "grants" => ["grant_id", "participant_id", "district_code", "date", "amount_kzt", "mci_kzt", "amount_mci", "sector", "disability_group", "sex", "birth_year"],
        "participants" => ["participant_id", "district_code", "disability_group", "sex", "birth_year", "events"],
        "quotas" => ["employer_bin", "employer_name", "district_code", "headcount", "year", "status", "places_set", "places_filled"],
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "Unknown dataset."),
    };

    /// <summary>Writes the header (codes or labels) and every row; returns the number of data rows.</summary>
    public static async Task<long> WriteAsync(DashboardDbContext db, string dataset, DashboardFilter filter, CsvWriter csv, Func<string, string> header, CancellationToken cancellationToken)
    {
        foreach (var column in Columns(dataset))
        {
            csv.Text(header(column));
        }

        await csv.EndRowAsync(cancellationToken);
        long rows = 0;
        switch (dataset)
        {
            case "placements":
                await foreach (var p in Placements(db, filter).AsAsyncEnumerable().WithCancellation(cancellationToken))
                {
                    csv.Number(p.Id).Text(p.ParticipantId).Text(p.Measure).Text(p.District).Date(p.Date).Text(p.EmployerBin)
                        .Number((long)p.Group).Text(SexCode(p.Sex)).Number(p.BirthYear);
                    await csv.EndRowAsync(cancellationToken);
                    rows++;
                }

                break;
            case "grants":
                await foreach (var g in Grants(db, filter).AsAsyncEnumerable().WithCancellation(cancellationToken))
                {
                    csv.Number(g.Id).Text(g.ParticipantId).Text(g.District).Date(g.Date).Number(g.AmountKzt).Number((long)g.MciKzt)
                        .Number(Math.Round(g.AmountKzt / g.MciKzt, 2)).Text(g.Sector.ToString().ToLowerInvariant()).Number((long)g.Group)
                        .Text(SexCode(g.Sex)).Number(g.BirthYear);
                    await csv.EndRowAsync(cancellationToken);
                    rows++;
                }

                break;
            case "participants":
                await foreach (var x in Participants(db, filter).AsAsyncEnumerable().WithCancellation(cancellationToken))
                {
                    csv.Text(x.Id).Text(x.District).Number((long)x.Group).Text(SexCode(x.Sex)).Number(x.BirthYear).Number(x.Events);
                    await csv.EndRowAsync(cancellationToken);
                    rows++;
                }

                break;
            default:
                await foreach (var q in Quotas(db, filter).AsAsyncEnumerable().WithCancellation(cancellationToken))
                {
                    csv.Text(q.Bin).Text(q.Name).Text(q.District).Number(q.Headcount).Number(q.Year).Text(q.Status == QuotaStatus.InForce ? "in_force" : "application_pending")
                        .Number(q.PlacesSet).Number(q.PlacesFilled);
                    await csv.EndRowAsync(cancellationToken);
                    rows++;
                }

                break;
        }

        return rows;
    }

    private static string SexCode(Sex sex) => sex == Sex.Female ? "female" : "male";

    private sealed record PlacementRecord(long Id, Guid ParticipantId, string Measure, string District, DateOnly Date, string? EmployerBin, DisabilityGroup Group, Sex Sex, int BirthYear);

    private sealed record GrantRecord(long Id, Guid ParticipantId, string District, DateOnly Date, decimal AmountKzt, int MciKzt, BusinessSector Sector, DisabilityGroup Group, Sex Sex, int BirthYear);

    private sealed record ParticipantRecord(Guid Id, string District, DisabilityGroup Group, Sex Sex, int BirthYear, long Events);

    private sealed record QuotaRecord(string Bin, string Name, string District, int Headcount, int Year, QuotaStatus Status, int PlacesSet, int PlacesFilled);

    /// <summary>A placement with what the filter reads (<see cref="IDatedRow"/>) and what the file shows.</summary>
    private sealed class PlacementRow : IDatedRow
    {
        public long Id { get; init; }

        public Guid ParticipantId { get; init; }

        public int RegionId { get; init; }

        public int DistrictId { get; init; }

        public int MeasureId { get; init; }

        public DateOnly Date { get; init; }

        public DisabilityGroup DisabilityGroup { get; init; }

        public Sex Sex { get; init; }

        public AgeBand AgeBand { get; init; }

        public int BirthYear { get; init; }

        public required string MeasureCode { get; init; }

        public required string DistrictCode { get; init; }

        public string? EmployerBin { get; init; }
    }

    /// <summary>A grant with what the filter reads and what the file shows.</summary>
    private sealed class GrantRow : IDatedRow
    {
        public long Id { get; init; }

        public Guid ParticipantId { get; init; }

        public int RegionId { get; init; }

        public int DistrictId { get; init; }

        public int MeasureId { get; init; }

        public DateOnly Date { get; init; }

        public DisabilityGroup DisabilityGroup { get; init; }

        public Sex Sex { get; init; }

        public AgeBand AgeBand { get; init; }

        public int BirthYear { get; init; }

        public required string DistrictCode { get; init; }

        public decimal AmountKzt { get; init; }

        public int MciKzt { get; init; }

        public BusinessSector Sector { get; init; }
    }

    private static IQueryable<PlacementRecord> Placements(DashboardDbContext db, DashboardFilter filter)
    {
        var rows = db.Placements.AsNoTracking().Select(p => new PlacementRow
        {
            Id = p.Id,
            ParticipantId = p.ParticipantId,
            RegionId = p.District!.RegionId,
            DistrictId = p.DistrictId,
            MeasureId = p.MeasureId,
            Date = p.Date,
            DisabilityGroup = p.Participant!.DisabilityGroup,
            Sex = p.Participant.Sex,
            AgeBand = Ages.BandOfAge(p.Date.Year - p.Participant.BirthYear),
            BirthYear = p.Participant.BirthYear,
            MeasureCode = p.Measure!.Code,
            DistrictCode = p.District.Code,
            EmployerBin = p.Employer == null ? null : p.Employer.Bin,
        });
        return filter.Apply(rows).OrderBy(p => p.Id).Select(p => new PlacementRecord(
            p.Id, p.ParticipantId, p.MeasureCode, p.DistrictCode, p.Date, p.EmployerBin, p.DisabilityGroup, p.Sex, p.BirthYear));
    }

    /// <summary>Grants of the filter; the measure selection does not apply (the dataset is one measure, as on the grants page).</summary>
    private static IQueryable<GrantRecord> Grants(DashboardDbContext db, DashboardFilter filter)
    {
        var rows = db.Grants.AsNoTracking().Select(g => new GrantRow
        {
            Id = g.Id,
            ParticipantId = g.ParticipantId,
            RegionId = g.District!.RegionId,
            DistrictId = g.DistrictId,
            Date = g.Date,
            DisabilityGroup = g.Participant!.DisabilityGroup,
            Sex = g.Participant.Sex,
            AgeBand = Ages.BandOfAge(g.Date.Year - g.Participant.BirthYear),
            BirthYear = g.Participant.BirthYear,
            DistrictCode = g.District.Code,
            AmountKzt = g.AmountKzt,
            MciKzt = g.MciKzt,
            Sector = g.Sector,
        });
        return (filter with { MeasureIds = [] }).Apply(rows).OrderBy(g => g.Id).Select(g => new GrantRecord(
            g.Id, g.ParticipantId, g.DistrictCode, g.Date, g.AmountKzt, g.MciKzt, g.Sector, g.DisabilityGroup, g.Sex, g.BirthYear));
    }

    /// <summary>People covered by the filter's events, each once, with how many events they had.</summary>
    private static IQueryable<ParticipantRecord> Participants(DashboardDbContext db, DashboardFilter filter)
    {
        var events = filter.Apply(db.SupportEvents());
        return db.Participants.AsNoTracking()
            .Where(p => events.Any(e => e.ParticipantId == p.Id))
            .OrderBy(p => p.Id)
            .Select(p => new ParticipantRecord(p.Id, p.District!.Code, p.DisabilityGroup, p.Sex, p.BirthYear, events.LongCount(e => e.ParticipantId == p.Id)));
    }

    private static IQueryable<QuotaRecord> Quotas(DashboardDbContext db, DashboardFilter filter)
    {
        var (firstYear, lastYear) = (filter.Period.From.Year, filter.Period.To.Year);
        var query = db.EmployerQuotas.AsNoTracking().Where(q => q.Employer!.District!.RegionId == filter.Region.Id && q.Year >= firstYear && q.Year <= lastYear);
        query = filter.DistrictIds.Count > 0 ? query.Where(q => filter.DistrictIds.Contains(q.Employer!.DistrictId)) : query;
        return query.OrderBy(q => q.Year).ThenBy(q => q.Employer!.Bin).Select(q => new QuotaRecord(
            q.Employer!.Bin, q.Employer.Name, q.Employer.District!.Code, q.Employer.Headcount, q.Year, q.Status, q.PlacesSet, q.PlacesFilled));
    }

}
