namespace EmploymentDashboard.Data.Entities;

/// <summary>
/// The akimat's plan for one indicator in one year, for the whole region (no district) or for one district:
/// for example people to cover, vacancy placements, grants or quota places to fill (<see cref="PlanIndicators"/>).
/// </summary>
public class AnnualPlan
{
    public int Id { get; set; }

    public int RegionId { get; set; }

    public Region? Region { get; set; }

    /// <summary>The district the plan is for; null for the region as a whole.</summary>
    public int? DistrictId { get; set; }

    public District? District { get; set; }

    public int Year { get; set; }

    /// <summary>The indicator's code (<see cref="PlanIndicators"/>).</summary>
    public required string Indicator { get; set; }

    public int Value { get; set; }

    /// <summary>PostgreSQL's xmin: two administrators saving the same plan cannot overwrite each other unnoticed.</summary>
    public uint Version { get; set; }
}

/// <summary>The indicators a plan can be set for, in display order: people covered, events of each measure, quota places filled.</summary>
public static class PlanIndicators
{
    public const string PeopleCovered = "people_covered";

    public const string QuotaPlacesFilled = "quota_places_filled";

    /// <summary>The events of one measure (for business grants: grants issued).</summary>
    public static string Events(string measureCode) => "events_" + measureCode;

    /// <summary>The measure code of an events indicator; null for the others.</summary>
    public static string? MeasureOf(string indicator) => indicator.StartsWith("events_", StringComparison.Ordinal) ? indicator["events_".Length..] : null;

    public static IReadOnlyList<string> All(IEnumerable<string> measureCodes) => [PeopleCovered, .. measureCodes.Select(Events), QuotaPlacesFilled];
}
