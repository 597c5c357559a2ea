using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;

namespace EmploymentDashboard.Data.Disclosure;

/// <summary>Quotas in force of one district (or the region) in one year, as an audience may see them.</summary>
public sealed record PublishedQuotaCell(DisclosedValue Employers, DisclosedValue PlacesSet, DisclosedValue PlacesFilled, DisclosedRate FulfilmentPercent);

/// <summary>One district's quota cells, one per year of <see cref="PublishedQuotas.Years"/>.</summary>
public sealed record PublishedQuotaDistrict(DistrictLabel District, IReadOnlyList<PublishedQuotaCell> Years);

/// <summary>Special workplaces for one impairment, one value per year of <see cref="PublishedQuotas.Years"/>.</summary>
public sealed record PublishedWorkplaceRow(ImpairmentType ImpairmentType, IReadOnlyList<DisclosedValue> Years);

/// <summary>Pending quota applications of one district and year.</summary>
public sealed record PublishedPendingRow(DistrictLabel District, int Year, DisclosedValue Applications, DisclosedValue Places);

/// <summary>
/// The quota dashboard as one audience may see it: obligations (places set, employers, special workplaces,
/// pending applications) as they are; places filled perturbed for the public, exact for staff.
/// </summary>
public sealed record PublishedQuotas(
    bool IsPublic,
    int Threshold,
    IReadOnlyList<int> Years,
    IReadOnlyList<PublishedQuotaDistrict> Districts,
    IReadOnlyList<PublishedQuotaCell> Region,
    IReadOnlyList<PublishedWorkplaceRow> SpecialWorkplaces,
    IReadOnlyList<DisclosedValue> SpecialWorkplaceTotals,
    IReadOnlyList<PublishedPendingRow> Pending,
    DisclosedValue PendingApplications,
    DisclosedValue PendingPlaces)
{
    public bool HasSuppressedValues =>
        Districts.Any(d => d.Years.Any(Withheld)) || Region.Any(Withheld)
        || SpecialWorkplaces.Any(w => w.Years.Any(v => v.IsSuppressed)) || SpecialWorkplaceTotals.Any(v => v.IsSuppressed)
        || PendingApplications.IsSuppressed || PendingPlaces.IsSuppressed || Pending.Any(p => p.Applications.IsSuppressed || p.Places.IsSuppressed);

    private static bool Withheld(PublishedQuotaCell cell) =>
        cell.Employers.IsSuppressed || cell.PlacesSet.IsSuppressed || cell.PlacesFilled.IsSuppressed || cell.FulfilmentPercent.IsSuppressed;
}

/// <summary>Turns a <see cref="QuotaReport"/> into what an audience may see.</summary>
public static class QuotaPublishing
{
    /// <summary>
    /// Places set, employers with a quota, special workplaces and pending applications are administrative
    /// decisions about employers, not counts of people: they are published as they are, for everyone. Places
    /// filled count people hired: for the public each district, year and total is perturbed by its cell key
    /// (ADR 0010). Fulfilment is the published filled over places set, withheld only on a small or no base.
    /// </summary>
    public static PublishedQuotas Publish(QuotaReport report, Tables.TableAudience audience)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(audience);
        var years = report.Years;
        PublishedQuotaCell Cell(int employers, int set, KeyedCount filled)
        {
            var placesSet = DisclosedValue.Shown(set);
            var placesFilled = audience.Count(filled);
            return new(DisclosedValue.Shown(employers), placesSet, placesFilled, audience.Rate(placesFilled, placesSet));
        }

        var districtRows = report.Districts
            .Select(d => new PublishedQuotaDistrict(d, [.. years.Select(y => report.Cell(d.Code, y)).Select(c => Cell(c.Employers, c.PlacesSet, c.KeyedPlacesFilled))]))
            .ToList();
        var region = years.Select(y =>
        {
            var cells = report.Districts.Select(d => report.Cell(d.Code, y)).ToList();
            return Cell(cells.Sum(c => c.Employers), cells.Sum(c => c.PlacesSet), KeyedCount.Sum(cells.Select(c => c.KeyedPlacesFilled)));
        }).ToList();

        var types = Enum.GetValues<ImpairmentType>();
        return new PublishedQuotas(
            audience.IsPublic,
            audience.Threshold,
            years,
            districtRows,
            region,
            [.. types.Select(t => new PublishedWorkplaceRow(t, [.. years.Select(y => DisclosedValue.Shown(report.Workplaces(t, y).Workplaces))]))],
            [.. years.Select(y => DisclosedValue.Shown(types.Sum(t => report.Workplaces(t, y).Workplaces)))],
            [.. report.Pending.Select(p => new PublishedPendingRow(p.District, p.Year, DisclosedValue.Shown(p.Applications), DisclosedValue.Shown(p.Places)))],
            DisclosedValue.Shown(report.Pending.Sum(p => p.Applications)),
            DisclosedValue.Shown(report.Pending.Sum(p => p.Places)));
    }

    /// <summary>An exact percentage for staff (one decimal); withheld only when there is no base at all.</summary>
    public static DisclosedRate ExactPercent(long numerator, long denominator) => ExactRate.Of(numerator, denominator);
}
