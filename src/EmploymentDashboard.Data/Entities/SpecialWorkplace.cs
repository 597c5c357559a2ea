namespace EmploymentDashboard.Data.Entities;

/// <summary>The impairment a special workplace is adapted to.</summary>
public enum ImpairmentType
{
    Hearing,
    Vision,
    Mobility,
}

/// <summary>
/// Special workplaces an employer created in a year, physically adapted to one impairment (their
/// equipment is subsidised). Not the same thing as quota places.
/// </summary>
public class SpecialWorkplace
{
    public int Id { get; set; }

    public int EmployerId { get; set; }

    public Employer? Employer { get; set; }

    public int Year { get; set; }

    public ImpairmentType ImpairmentType { get; set; }

    /// <summary>Disability group the workplaces are meant for, where stated.</summary>
    public DisabilityGroup? DisabilityGroup { get; set; }

    public int Count { get; set; }
}
