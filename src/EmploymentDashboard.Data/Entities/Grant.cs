namespace EmploymentDashboard.Data.Entities;

/// <summary>Business sector a grant-funded business works in.</summary>
public enum BusinessSector
{
    Agriculture,
    Manufacturing,
    Crafts,
    Trade,
    Services,
    Food,
}

/// <summary>
/// A one-off state grant to open one's own business (after Bastau Business training). The amount is
/// kept in tenge together with the year's monthly calculation index (MCI), so it can be shown either way.
/// </summary>
public class Grant
{
    public long Id { get; set; }

    public Guid ParticipantId { get; set; }

    public Participant? Participant { get; set; }

    public int DistrictId { get; set; }

    public District? District { get; set; }

    public decimal AmountKzt { get; set; }

    /// <summary>The monthly calculation index (KZT) in force in the grant's year.</summary>
    public int MciKzt { get; set; }

    public BusinessSector Sector { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>PostgreSQL's xmin of the row: a correction saved against an older version is refused (optimistic concurrency).</summary>
    public uint Version { get; set; }
}
