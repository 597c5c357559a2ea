namespace EmploymentDashboard.Data.Entities;

/// <summary>What kind of help a support measure gives.</summary>
public enum MeasureKind
{
    /// <summary>Placement into a regular vacancy.</summary>
    Placement,

    /// <summary>A job whose wage the state subsidises (social jobs, public works, youth practice, First job, Silver age).</summary>
    SubsidisedJob,

    /// <summary>A one-off grant to open one's own business.</summary>
    Grant,

    /// <summary>Training (entrepreneurship, digital professions).</summary>
    Training,
}

/// <summary>An active labour-market measure a person with a disability can be covered by.</summary>
public class SupportMeasure
{
    public int Id { get; set; }

    /// <summary>Stable code, e.g. "vacancy", "public_works", "business_grant".</summary>
    public required string Code { get; set; }

    public required LocalizedName Name { get; set; }

    public MeasureKind Kind { get; set; }

    public int SortOrder { get; set; }
}
