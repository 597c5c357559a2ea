namespace EmploymentDashboard.Data.Entities;

/// <summary>One committed import: who brought which dataset in from which file, when, and what it changed.</summary>
public class ImportLog
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public required string UserName { get; set; }

    /// <summary>The dataset code (placements, quotas, grants, population).</summary>
    public required string Dataset { get; set; }

    /// <summary>The name of the uploaded file as the browser gave it (path removed, shortened).</summary>
    public required string FileName { get; set; }

    public int ReportingYear { get; set; }

    public DateTimeOffset CommittedAt { get; set; }

    public long RowsAdded { get; set; }

    public long RowsUpdated { get; set; }

    public long RowsUnchanged { get; set; }
}
