namespace EmploymentDashboard.Data.Entities;

/// <summary>A region (oblys) of Kazakhstan. The demo seeds only Karaganda; nothing assumes one region.</summary>
public class Region
{
    public int Id { get; set; }

    /// <summary>Stable short code used in URLs, e.g. "karaganda".</summary>
    public required string Code { get; set; }

    /// <summary>Official KATO code; empty where it is not known (never invented).</summary>
    public string? KatoCode { get; set; }

    public required LocalizedName Name { get; set; }

    public List<District> Districts { get; set; } = [];
}
