using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;

namespace EmploymentDashboard.Data.Rollups;

/// <summary>
/// Placements of one month, district and measure to people of one disability group, sex and age band
/// (age in the year of the event). Kept by PostgreSQL triggers in the transaction of every write to
/// placements and participants (ADR 0007); never written by the application.
/// </summary>
public sealed class PlacementMonth
{
    public int RegionId { get; init; }

    /// <summary>First day of the month.</summary>
    public DateOnly Month { get; init; }

    public int DistrictId { get; init; }

    public int MeasureId { get; init; }

    public DisabilityGroup DisabilityGroup { get; init; }

    public Sex Sex { get; init; }

    public AgeBand AgeBand { get; init; }

    public long Events { get; init; }

    /// <summary>Sum of the record keys of the placements counted in <see cref="Events"/>: the cell key method's input (ADR 0010). Never leaves the data layer unperturbed.</summary>
    public long KeySum { get; init; }
}

/// <summary>
/// Grants of one month, district and business sector, all groups, sexes and age bands together: the sum of the
/// <see cref="GrantMonth"/> rows of the cell, kept by triggers on grant_months. The grant breakdowns of a filter
/// without the person's attributes read these (a region-year is at most months × districts × sectors rows).
/// </summary>
public sealed class GrantSectorMonth
{
    public int RegionId { get; init; }

    /// <summary>First day of the month.</summary>
    public DateOnly Month { get; init; }

    public int DistrictId { get; init; }

    public BusinessSector Sector { get; init; }

    public long Grants { get; init; }

    public decimal AmountKzt { get; init; }

    /// <summary>Sum of each grant's amount divided by its own year's MCI (exact numeric, not rounded).</summary>
    public decimal AmountMci { get; init; }

    /// <summary>Sum of the record keys of the grants counted in <see cref="Grants"/> (ADR 0010).</summary>
    public long KeySum { get; init; }
}

/// <summary>Grants of one month, district and business sector, by the person's group, sex and age band, with their sums in tenge and in MCI.</summary>
public sealed class GrantMonth
{
    public int RegionId { get; init; }

    /// <summary>First day of the month.</summary>
    public DateOnly Month { get; init; }

    public int DistrictId { get; init; }

    public BusinessSector Sector { get; init; }

    public DisabilityGroup DisabilityGroup { get; init; }

    public Sex Sex { get; init; }

    public AgeBand AgeBand { get; init; }

    public long Grants { get; init; }

    public decimal AmountKzt { get; init; }

    /// <summary>Sum of each grant's amount divided by its own year's MCI (exact numeric, not rounded).</summary>
    public decimal AmountMci { get; init; }

    /// <summary>Sum of the record keys of the grants counted in <see cref="Grants"/> (ADR 0010).</summary>
    public long KeySum { get; init; }
}

/// <summary>
/// One person's placements under one measure in one district in one year: the months with at least one
/// placement as a 12-bit mask (bit 0 = January), and the person's group, sex and age band in that year.
/// Distinct people of any filter are count(DISTINCT participant) over these rows: exact, because every
/// filter dimension is either in the key or constant within a row.
/// </summary>
public sealed class PlacementPersonYear
{
    public Guid ParticipantId { get; init; }

    public int Year { get; init; }

    public int DistrictId { get; init; }

    public int MeasureId { get; init; }

    public int RegionId { get; init; }

    public DisabilityGroup DisabilityGroup { get; init; }

    public Sex Sex { get; init; }

    public AgeBand AgeBand { get; init; }

    public int Months { get; init; }

    /// <summary>The participant's record key (the same on every row of the person), set by a trigger from participants (ADR 0010).</summary>
    public long RecordKey { get; init; }
}

/// <summary>One person's grants in one district in one year, as <see cref="PlacementPersonYear"/> for the grant measure.</summary>
public sealed class GrantPersonYear
{
    public Guid ParticipantId { get; init; }

    public int Year { get; init; }

    public int DistrictId { get; init; }

    public int RegionId { get; init; }

    public DisabilityGroup DisabilityGroup { get; init; }

    public Sex Sex { get; init; }

    public AgeBand AgeBand { get; init; }

    public int Months { get; init; }

    /// <summary>The participant's record key (the same on every row of the person), set by a trigger from participants (ADR 0010).</summary>
    public long RecordKey { get; init; }
}

/// <summary>
/// One cell of the statistics cube (ADR 0011): events and distinct people of one region, year, period, district
/// (0 = every district of the region), measure (0 = every measure) and group, sex and age band, with the key sums
/// of the cell key method. The periods are the year (mask 4095), its quarters and its months, as month masks
/// (bit 0 = January). Kept by triggers from the other rollups, in the transaction of every write; read-only here.
/// People are exact: a person counts once in every cell whose district, measure and months they have an event in,
/// and the group, sex and age band of a person-year are constant, so cells of different groups never share a person.
/// </summary>
public sealed class CubeCell : IFilterDimensions
{
    public int RegionId { get; init; }

    public int Year { get; init; }

    /// <summary>The period as a mask of the year's months: 4095 (year), 7 · 8ⁿ (quarter n + 1) or one bit (a month).</summary>
    public int Months { get; init; }

    /// <summary>The district, or 0 for every district of the region.</summary>
    public int DistrictId { get; init; }

    /// <summary>The measure, or 0 for every measure (placements and grants).</summary>
    public int MeasureId { get; init; }

    public DisabilityGroup DisabilityGroup { get; init; }

    public Sex Sex { get; init; }

    public AgeBand AgeBand { get; init; }

    public long Events { get; init; }

    /// <summary>Sum of the events' record keys (ADR 0010).</summary>
    public long EventsKeySum { get; init; }

    public long People { get; init; }

    /// <summary>Sum of the people's record keys, each person once (ADR 0010).</summary>
    public long PeopleKeySum { get; init; }
}

/// <summary>
/// Employer quotas of one status in one district and year (table <c>quota_cells</c>): how many quota rows, their places
/// set and filled, and the key sum of the filled places (ADR 0010). Kept by triggers on employer_quotas and employers in
/// the transaction of every write (ADR 0007, migration AddQuotaCells); read-only here. An employer has at most one quota
/// of a status in a year (a unique index) and one district, so within one year and one status the employers with a
/// quota of any set of districts are exactly the sum of <see cref="Quotas"/>: count(DISTINCT employer_id) needs no
/// employer list. Over several years an employer counts once per year, so a sum across years is not a distinct count.
/// </summary>
public sealed class QuotaDistrictYear
{
    public int Year { get; init; }

    public int DistrictId { get; init; }

    public QuotaStatus Status { get; init; }

    /// <summary>Quota rows, which within one year and status is the number of employers.</summary>
    public long Quotas { get; init; }

    public long PlacesSet { get; init; }

    public long PlacesFilled { get; init; }

    /// <summary>Sum of employer_quotas.filled_key_sum: the keys of the filled places (ADR 0010). Never leaves the data layer unperturbed.</summary>
    public long FilledKeySum { get; init; }
}

/// <summary>
/// Special workplaces for one impairment created in one district and year (table <c>special_workplace_cells</c>), kept
/// by triggers on special_workplaces and employers like <see cref="QuotaDistrictYear"/>.
/// </summary>
public sealed class SpecialWorkplaceDistrictYear
{
    public int Year { get; init; }

    public int DistrictId { get; init; }

    public ImpairmentType ImpairmentType { get; init; }

    public long Workplaces { get; init; }
}

/// <summary>
/// One employer's quota in force in one year (table <c>employer_quota_years</c>), with what the staff's employer list shows
/// and sorts by copied from the employer and its district, so that a page of the list in its default, fulfilment, name or
/// district order is one range of an index read in order (ADR 0007, migration AddEmployerQuotaYears). Kept by triggers on
/// employer_quotas, employers and districts in the transaction of every write; read-only here. A row exists exactly when
/// the employer has a quota in force in the year (one at most: a unique index), never with zeros.
/// </summary>
public sealed class EmployerQuotaYear
{
    public int EmployerId { get; init; }

    public int Year { get; init; }

    /// <summary>The region of the employer's district.</summary>
    public int RegionId { get; init; }

    public int DistrictId { get; init; }

    /// <summary>The sort order of the employer's district (districts.sort_order): the list's district order.</summary>
    public int DistrictOrder { get; init; }

    public required string Name { get; init; }

    public required string Bin { get; init; }

    public int Headcount { get; init; }

    public int PlacesSet { get; init; }

    public int PlacesFilled { get; init; }

    /// <summary>Places set less places filled (a stored generated column).</summary>
    public int Unfilled { get; init; }

    /// <summary>Places filled divided by places set, as exact numeric (a stored generated column; places set is never 0).</summary>
    public decimal Fulfilment { get; init; }
}
