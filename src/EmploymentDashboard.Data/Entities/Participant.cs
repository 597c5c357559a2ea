namespace EmploymentDashboard.Data.Entities;

/// <summary>Disability group assigned by medical-social expertise: I is the most severe.</summary>
public enum DisabilityGroup
{
    I = 1,
    II = 2,
    III = 3,
}

/// <summary>Sex as recorded by the employment centre.</summary>
public enum Sex
{
    Female,
    Male,
}

/// <summary>
/// A person with a disability covered by a support measure, kept pseudonymous: an opaque id and the
/// few attributes the statistics need. Never a name, national ID number (IIN) or date of birth.
/// </summary>
public class Participant
{
    /// <summary>Opaque pseudonymous id; it carries no meaning and cannot be linked to a person outside the system.</summary>
    public Guid Id { get; set; }

    public DisabilityGroup DisabilityGroup { get; set; }

    public Sex Sex { get; set; }

    public int BirthYear { get; set; }

    /// <summary>District of residence.</summary>
    public int DistrictId { get; set; }

    public District? District { get; set; }
}
