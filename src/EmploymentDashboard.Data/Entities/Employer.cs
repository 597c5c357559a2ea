namespace EmploymentDashboard.Data.Entities;

/// <summary>An enterprise that can be given a disability job quota (50 or more staff).</summary>
public class Employer
{
    public int Id { get; set; }

    /// <summary>Business identification number (BIN), 12 digits.</summary>
    public required string Bin { get; set; }

    public required string Name { get; set; }

    public int DistrictId { get; set; }

    public District? District { get; set; }

    /// <summary>Staff headcount the quota is computed from.</summary>
    public int Headcount { get; set; }

    public List<EmployerQuota> Quotas { get; set; } = [];
}
