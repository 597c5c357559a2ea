namespace EmploymentDashboard.Data.Entities;

/// <summary>How a recorded export ended.</summary>
public enum ExportStatus
{
    Started,
    Completed,
    Cancelled,
    Failed,
}

/// <summary>One record-level export: who took which dataset, with which filters, when, and how many rows.</summary>
public class ExportLog
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public required string UserName { get; set; }

    public required string Dataset { get; set; }

    /// <summary>The filters as the query string the export was requested with.</summary>
    public required string Filters { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public long? Rows { get; set; }

    public ExportStatus Status { get; set; }
}
