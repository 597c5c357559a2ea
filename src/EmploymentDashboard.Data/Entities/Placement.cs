namespace EmploymentDashboard.Data.Entities;

/// <summary>
/// One event of support: a participant placed into a vacancy, sent to a subsidised job or to
/// training. One person can have several placements, so placements count events, not people.
/// Business grants are kept in <see cref="Grant"/>, which carries their amount.
/// </summary>
public class Placement
{
    public long Id { get; set; }

    public Guid ParticipantId { get; set; }

    public Participant? Participant { get; set; }

    public int MeasureId { get; set; }

    public SupportMeasure? Measure { get; set; }

    /// <summary>District whose employment centre made the placement.</summary>
    public int DistrictId { get; set; }

    public District? District { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>The employer, where the placement is a job with a known employer.</summary>
    public int? EmployerId { get; set; }

    public Employer? Employer { get; set; }

    /// <summary>PostgreSQL's xmin of the row: a correction saved against an older version is refused (optimistic concurrency).</summary>
    public uint Version { get; set; }
}
