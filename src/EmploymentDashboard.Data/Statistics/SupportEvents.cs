using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EmploymentDashboard.Data.Statistics;

/// <summary>
/// One event of support as the dashboards count it: a placement, or a grant (under the grant
/// measure), with the attributes of the person it went to. Events, not people: count distinct
/// <see cref="ParticipantId"/> for people. Read from the base tables, for record-level exports only;
/// statistics read the rollups (<see cref="EventMonth"/>, <see cref="PersonYear"/>).
/// </summary>
public sealed class SupportEvent : IDatedRow
{
    public Guid ParticipantId { get; init; }

    public int MeasureId { get; init; }

    public int DistrictId { get; init; }

    public int RegionId { get; init; }

    public DateOnly Date { get; init; }

    public DisabilityGroup DisabilityGroup { get; init; }

    public Sex Sex { get; init; }

    public AgeBand AgeBand { get; init; }
}

/// <summary>Events of one month (<see cref="Date"/> is its first day) and one combination of the filter's dimensions, from the rollups.</summary>
public sealed class EventMonth : IDatedRow
{
    public int RegionId { get; init; }

    public int DistrictId { get; init; }

    public int MeasureId { get; init; }

    public DateOnly Date { get; init; }

    public DisabilityGroup DisabilityGroup { get; init; }

    public Sex Sex { get; init; }

    public AgeBand AgeBand { get; init; }

    public long Events { get; init; }

    /// <summary>Sum of the events' record keys (ADR 0010).</summary>
    public long KeySum { get; init; }
}

/// <summary>Grants of one month, district, sector, group, sex and age band, with their sums, from the grant rollup.</summary>
public sealed class GrantMonthRow : IDatedRow
{
    public int RegionId { get; init; }

    public int DistrictId { get; init; }

    /// <summary>The grant measure's id, so that a measure selection applies to grants like to any event.</summary>
    public int MeasureId { get; init; }

    public DateOnly Date { get; init; }

    public BusinessSector Sector { get; init; }

    public DisabilityGroup DisabilityGroup { get; init; }

    public Sex Sex { get; init; }

    public AgeBand AgeBand { get; init; }

    public long Grants { get; init; }

    public decimal AmountKzt { get; init; }

    public decimal AmountMci { get; init; }

    /// <summary>Sum of the grants' record keys (ADR 0010).</summary>
    public long KeySum { get; init; }
}

/// <summary>Grants of one month, district and sector, all groups, sexes and age bands together, from the coarser grant rollup.</summary>
public sealed class GrantSectorMonthRow : IDatedPlaceRow
{
    public int RegionId { get; init; }

    public int DistrictId { get; init; }

    public DateOnly Date { get; init; }

    public BusinessSector Sector { get; init; }

    public long Grants { get; init; }

    public decimal AmountKzt { get; init; }

    public decimal AmountMci { get; init; }

    /// <summary>Sum of the grants' record keys (ADR 0010).</summary>
    public long KeySum { get; init; }
}

/// <summary>A person's events in one year, district and measure (placements or grants), from the people rollups.</summary>
public sealed class PersonYear : IPersonYearRow
{
    public Guid ParticipantId { get; init; }

    public int Year { get; init; }

    public int Months { get; init; }

    public int RegionId { get; init; }

    public int DistrictId { get; init; }

    public int MeasureId { get; init; }

    public DisabilityGroup DisabilityGroup { get; init; }

    public Sex Sex { get; init; }

    public AgeBand AgeBand { get; init; }

    /// <summary>The participant's record key (ADR 0010).</summary>
    public long RecordKey { get; init; }
}

/// <summary>
/// The rows every statistic starts from, to be restricted by <see cref="DashboardFilter.Apply{T}"/> or
/// <see cref="DashboardFilter.ApplyToPeople{T}"/>. Grants take the id of the grant measure, as on every page.
/// </summary>
public static class SupportEventQueries
{
    /// <summary>Base events (placements and grants), for record exports.</summary>
    public static IQueryable<SupportEvent> SupportEvents(this DashboardDbContext db)
    {
        var grantMeasure = db.SupportMeasures.Where(m => m.Kind == MeasureKind.Grant).Select(m => m.Id);
        var placements = db.Placements.Select(p => new SupportEvent
        {
            ParticipantId = p.ParticipantId,
            MeasureId = p.MeasureId,
            DistrictId = p.DistrictId,
            RegionId = p.District!.RegionId,
            Date = p.Date,
            DisabilityGroup = p.Participant!.DisabilityGroup,
            Sex = p.Participant.Sex,
            AgeBand = Ages.BandOfAge(p.Date.Year - p.Participant.BirthYear),
        });
        var grants = db.Grants.Select(g => new SupportEvent
        {
            ParticipantId = g.ParticipantId,
            MeasureId = grantMeasure.First(),
            DistrictId = g.DistrictId,
            RegionId = g.District!.RegionId,
            Date = g.Date,
            DisabilityGroup = g.Participant!.DisabilityGroup,
            Sex = g.Participant.Sex,
            AgeBand = Ages.BandOfAge(g.Date.Year - g.Participant.BirthYear),
        });
        return placements.Concat(grants);
    }

    /// <summary>Placement months (rollup).</summary>
    public static IQueryable<EventMonth> PlacementMonthRows(this DashboardDbContext db) =>
        db.PlacementMonths.AsNoTracking().Select(c => new EventMonth
        {
            RegionId = c.RegionId,
            DistrictId = c.DistrictId,
            MeasureId = c.MeasureId,
            Date = c.Month,
            DisabilityGroup = c.DisabilityGroup,
            Sex = c.Sex,
            AgeBand = c.AgeBand,
            Events = c.Events,
            KeySum = c.KeySum,
        });

    /// <summary>Grant months (rollup), with sectors and amounts.</summary>
    public static IQueryable<GrantMonthRow> GrantMonthRows(this DashboardDbContext db)
    {
        var grantMeasure = db.SupportMeasures.Where(m => m.Kind == MeasureKind.Grant).Select(m => m.Id);
        return db.GrantMonths.AsNoTracking().Select(c => new GrantMonthRow
        {
            RegionId = c.RegionId,
            DistrictId = c.DistrictId,
            MeasureId = grantMeasure.First(),
            Date = c.Month,
            Sector = c.Sector,
            DisabilityGroup = c.DisabilityGroup,
            Sex = c.Sex,
            AgeBand = c.AgeBand,
            Grants = c.Grants,
            AmountKzt = c.AmountKzt,
            AmountMci = c.AmountMci,
            KeySum = c.KeySum,
        });
    }

    /// <summary>The grant sector months (rollup without the person's attributes), as rows a filter without them restricts.</summary>
    public static IQueryable<GrantSectorMonthRow> GrantSectorMonthRows(this DashboardDbContext db) =>
        db.GrantSectorMonths.AsNoTracking().Select(c => new GrantSectorMonthRow
        {
            RegionId = c.RegionId,
            DistrictId = c.DistrictId,
            Date = c.Month,
            Sector = c.Sector,
            Grants = c.Grants,
            AmountKzt = c.AmountKzt,
            AmountMci = c.AmountMci,
            KeySum = c.KeySum,
        });

    /// <summary>Event months of every measure: placement months and grant months (rollups).</summary>
    public static IQueryable<EventMonth> EventMonths(this DashboardDbContext db) =>
        db.PlacementMonthRows().Concat(db.GrantMonthRows().Select(c => new EventMonth
        {
            RegionId = c.RegionId,
            DistrictId = c.DistrictId,
            MeasureId = c.MeasureId,
            Date = c.Date,
            DisabilityGroup = c.DisabilityGroup,
            Sex = c.Sex,
            AgeBand = c.AgeBand,
            Events = c.Grants,
            KeySum = c.KeySum,
        }));

    /// <summary>Person-years of every measure: placements and grants (rollups).</summary>
    public static IQueryable<PersonYear> PersonYears(this DashboardDbContext db)
    {
        var grantMeasure = db.SupportMeasures.Where(m => m.Kind == MeasureKind.Grant).Select(m => m.Id);
        var placements = db.PlacementPersonYears.AsNoTracking().Select(p => new PersonYear
        {
            ParticipantId = p.ParticipantId,
            Year = p.Year,
            Months = p.Months,
            RegionId = p.RegionId,
            DistrictId = p.DistrictId,
            MeasureId = p.MeasureId,
            DisabilityGroup = p.DisabilityGroup,
            Sex = p.Sex,
            AgeBand = p.AgeBand,
            RecordKey = p.RecordKey,
        });
        var grants = db.GrantPersonYears.AsNoTracking().Select(p => new PersonYear
        {
            ParticipantId = p.ParticipantId,
            Year = p.Year,
            Months = p.Months,
            RegionId = p.RegionId,
            DistrictId = p.DistrictId,
            MeasureId = grantMeasure.First(),
            DisabilityGroup = p.DisabilityGroup,
            Sex = p.Sex,
            AgeBand = p.AgeBand,
            RecordKey = p.RecordKey,
        });
        return placements.Concat(grants);
    }

    /// <summary>
    /// People covered by a filter: distinct participants with at least one event (placement or grant)
    /// under it, with the sum of their record keys (each person once). The one definition every page uses,
    /// for totals and for any group.
    /// </summary>
    public static async Task<KeyedCount> CountPeopleCoveredAsync(this DashboardDbContext db, DashboardFilter filter, CancellationToken cancellationToken = default)
    {
        if (CubeQueries.TryPeriod(filter, out _, out _))
        {
            // The slice of the breakdowns by group, sex and age band (30 rows at most), which pages show with it: one read for all.
            return (await db.ReadSliceAsync(filter, byAttributes: true, cancellationToken: cancellationToken)).TotalPeople;
        }

        var people = await filter.ApplyToPeople(db.PersonYears())
            .Select(p => new { p.ParticipantId, p.RecordKey })
            .Distinct()
            .GroupBy(p => 1)
            .Select(g => new { Count = g.LongCount(), KeySum = g.Sum(p => p.RecordKey) })
            .FirstOrDefaultAsync(cancellationToken);
        return people is null ? KeyedCount.Zero : new KeyedCount(people.Count, people.KeySum);
    }
}
