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

    private static IQueryable<PlacementRecord> Placements(DashboardDbContext db, DashboardFilter filter)
    {
        var (from, to) = (filter.Period.From, filter.Period.EndExclusive);
        var query = db.Placements.AsNoTracking().Where(p => p.District!.RegionId == filter.Region.Id && p.Date >= from && p.Date < to);
        query = filter.DistrictIds.Count > 0 ? query.Where(p => filter.DistrictIds.Contains(p.DistrictId)) : query;
        query = filter.MeasureIds.Count > 0 ? query.Where(p => filter.MeasureIds.Contains(p.MeasureId)) : query;
        query = filter.Groups.Count > 0 ? query.Where(p => filter.Groups.Contains(p.Participant!.DisabilityGroup)) : query;
        query = filter.Sexes.Count > 0 ? query.Where(p => filter.Sexes.Contains(p.Participant!.Sex)) : query;
        var ages = Ages.Allowed(filter.AgeBands);
        query = ages is null ? query : query.Where(p => ages.Contains(p.Date.Year - p.Participant!.BirthYear));
        return query.OrderBy(p => p.Id).Select(p => new PlacementRecord(
            p.Id, p.ParticipantId, p.Measure!.Code, p.District!.Code, p.Date, p.Employer == null ? null : p.Employer.Bin,
            p.Participant!.DisabilityGroup, p.Participant.Sex, p.Participant.BirthYear));
    }

    private static IQueryable<GrantRecord> Grants(DashboardDbContext db, DashboardFilter filter)
    {
        var (from, to) = (filter.Period.From, filter.Period.EndExclusive);
        var query = db.Grants.AsNoTracking().Where(g => g.District!.RegionId == filter.Region.Id && g.Date >= from && g.Date < to);
        query = filter.DistrictIds.Count > 0 ? query.Where(g => filter.DistrictIds.Contains(g.DistrictId)) : query;
        query = filter.Groups.Count > 0 ? query.Where(g => filter.Groups.Contains(g.Participant!.DisabilityGroup)) : query;
        query = filter.Sexes.Count > 0 ? query.Where(g => filter.Sexes.Contains(g.Participant!.Sex)) : query;
        var ages = Ages.Allowed(filter.AgeBands);
        query = ages is null ? query : query.Where(g => ages.Contains(g.Date.Year - g.Participant!.BirthYear));
        return query.OrderBy(g => g.Id).Select(g => new GrantRecord(
            g.Id, g.ParticipantId, g.District!.Code, g.Date, g.AmountKzt, g.MciKzt, g.Sector, g.Participant!.DisabilityGroup, g.Participant.Sex, g.Participant.BirthYear));
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
