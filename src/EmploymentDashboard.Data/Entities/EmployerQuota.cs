namespace EmploymentDashboard.Data.Entities;

/// <summary>Whether a quota is set, or its application is still being signed.</summary>
public enum QuotaStatus
{
    InForce,
    ApplicationPending,
}

/// <summary>
/// An employer's disability job quota for one year (Social Code of RK, 2–4% of headcount). A place
/// counts as filled only when a person with a disability is actually hired on it.
/// </summary>
public class EmployerQuota
{
    public int Id { get; set; }

    public int EmployerId { get; set; }

    public Employer? Employer { get; set; }

    public int Year { get; set; }

    public int PlacesSet { get; set; }

    public int PlacesFilled { get; set; }

    public QuotaStatus Status { get; set; }

    /// <summary>PostgreSQL's xmin of the row: a correction saved against an older version is refused (optimistic concurrency).</summary>
    public uint Version { get; set; }
}
