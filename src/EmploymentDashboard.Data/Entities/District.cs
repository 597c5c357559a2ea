namespace EmploymentDashboard.Data.Entities;

/// <summary>Whether a territorial unit is a city of regional significance or a rural district.</summary>
public enum DistrictKind
{
    City,
    District,
}

/// <summary>
/// A city of regional significance or a district of a region. Districts are split and renamed over
/// time, so each has a stable id and a validity period rather than being an enum.
/// </summary>
public class District
{
    public int Id { get; set; }

    public int RegionId { get; set; }

    public Region? Region { get; set; }

    /// <summary>Stable short code used in URLs, e.g. "karaganda-city".</summary>
    public required string Code { get; set; }

    /// <summary>Official KATO code; empty where it is not known (never invented).</summary>
    public string? KatoCode { get; set; }

    public required LocalizedName Name { get; set; }

    public DistrictKind Kind { get; set; }

    /// <summary>Resident population (all ages) as last published.</summary>
    public int Population { get; set; }

    /// <summary>Year the <see cref="Population"/> figure refers to.</summary>
    public int PopulationYear { get; set; }

    /// <summary>Whether <see cref="Population"/> is an estimate rather than a published figure.</summary>
    public bool PopulationIsEstimate { get; set; }

    /// <summary>Approximate centre latitude (WGS 84).</summary>
    public double Latitude { get; set; }

    /// <summary>Approximate centre longitude (WGS 84).</summary>
    public double Longitude { get; set; }

    public DateOnly ValidFrom { get; set; }

    /// <summary>Last day the district existed in this form; null while it still does.</summary>
    public DateOnly? ValidTo { get; set; }

    /// <summary>Order in which districts are listed (cities first, as official tables do).</summary>
    public int SortOrder { get; set; }
}
