using EmploymentDashboard.Data.Entities;

namespace EmploymentDashboard.Data.Statistics;

/// <summary>
/// One event of support as the dashboards count it: a placement, or a grant (under the grant
/// measure), with the attributes of the person it went to. Events, not people: count distinct
/// <see cref="ParticipantId"/> for people.
/// </summary>
public sealed class SupportEvent
{
    public Guid ParticipantId { get; init; }

    public int MeasureId { get; init; }

    public int DistrictId { get; init; }

    public int RegionId { get; init; }

    public DateOnly Date { get; init; }

    public DisabilityGroup DisabilityGroup { get; init; }

    public Sex Sex { get; init; }

    public int BirthYear { get; init; }

    public decimal AmountKzt { get; init; }

    public decimal AmountMci { get; init; }
}

/// <summary>The union of placements and grants as <see cref="SupportEvent"/>s, for filtering and grouping in SQL.</summary>
public static class SupportEventQueries
{
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
            BirthYear = p.Participant.BirthYear,
            AmountKzt = 0m,
            AmountMci = 0m,
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
            BirthYear = g.Participant.BirthYear,
            AmountKzt = g.AmountKzt,
            AmountMci = g.AmountKzt / g.MciKzt,
        });
        return placements.Concat(grants);
    }
}
