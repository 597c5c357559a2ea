namespace EmploymentDashboard.Data.Entities;

/// <summary>
/// What the database holds: one row saying whether it is the demo data set, which reporting year it
/// centres on and when the data were last updated. Every page shows this.
/// </summary>
public class DatasetInfo
{
    public int Id { get; set; }

    public bool IsDemo { get; set; }

    public required string Description { get; set; }

    public int ReportingYear { get; set; }

    public DateTimeOffset LastUpdated { get; set; }
}
