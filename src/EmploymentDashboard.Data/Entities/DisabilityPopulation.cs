namespace EmploymentDashboard.Data.Entities;

/// <summary>Yearly context for a district: people with disabilities, of working age, and employed.</summary>
public class DisabilityPopulation
{
    public int Id { get; set; }

    public int DistrictId { get; set; }

    public District? District { get; set; }

    public int Year { get; set; }

    public int PeopleWithDisabilities { get; set; }

    public int WorkingAge { get; set; }

    /// <summary>People with disabilities of working age who are employed.</summary>
    public int Employed { get; set; }
}
