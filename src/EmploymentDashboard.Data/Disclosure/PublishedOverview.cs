using EmploymentDashboard.Data.Statistics;

namespace EmploymentDashboard.Data.Disclosure;

/// <summary>
/// The region overview as it may be shown to one audience: every figure a <see cref="DisclosedValue"/>.
/// For the public every count is perturbed (ADR 0010); for staff every value is exact. Pages render only
/// this, so an exact count cannot reach a public page by mistake.
/// </summary>
public sealed record PublishedOverview(
    RegionSummary Region,
    int Year,
    bool IsPublic,
    int Threshold,
    DisclosedValue PeopleCovered,
    IReadOnlyList<MeasureLabel> Measures,
    IReadOnlyList<DisclosedValue> EventsByMeasure,
    DisclosedValue TotalEvents,
    DisclosedValue GrantsCount,
    decimal GrantsAmountKzt,
    decimal GrantsAmountMci,
    DisclosedValue QuotaEmployers,
    DisclosedValue QuotaPlacesSet,
    DisclosedValue QuotaPlacesFilled,
    DisclosedRate QuotaFulfilmentPercent,
    DisclosedValue SpecialWorkplaces,
    DisclosedValue PendingApplications,
    DisclosedValue PendingPlaces,
    DisclosedValue PeopleWithDisabilities,
    DisclosedValue WorkingAge,
    DisclosedValue Employed,
    DisclosedRate EmploymentRatePercent,
    IReadOnlyList<PublishedDistrictRow> Districts)
{
    /// <summary>True when some figure on the page is withheld (only rates can be), so the page shows the legend.</summary>
    public bool HasSuppressedValues => QuotaFulfilmentPercent.IsSuppressed || EmploymentRatePercent.IsSuppressed;
}

/// <summary>One district's row: distinct people, events per measure (in <see cref="PublishedOverview.Measures"/> order) and its total of events.</summary>
public sealed record PublishedDistrictRow(DistrictLabel District, DisclosedValue PeopleCovered, IReadOnlyList<DisclosedValue> Events, DisclosedValue TotalEvents);

/// <summary>Turns a <see cref="RegionOverview"/> into what an audience may see.</summary>
public static class OverviewPublishing
{
    /// <summary>
    /// Every count of people, events, grants and filled places through the audience (perturbed by its cell key for
    /// the public, each total a cell of its own); employers, places set, special workplaces, pending applications
    /// and the population context are administrative or official figures, published as they are; rates come
    /// from the published figures. Grant amounts are the published count times the mean grant (see
    /// <see cref="GrantPublishing.Amount"/>), so they say no more than the count.
    /// </summary>
    public static PublishedOverview Publish(RegionOverview overview, Tables.TableAudience audience)
    {
        ArgumentNullException.ThrowIfNull(overview);
        ArgumentNullException.ThrowIfNull(audience);
        var grants = audience.Count(overview.Grants.Keyed);
        var placesSet = DisclosedValue.Shown(overview.Quotas.PlacesSet);
        var filled = audience.Count(overview.Quotas.KeyedPlacesFilled);
        var workingAge = DisclosedValue.Shown(overview.Population.WorkingAge);
        var employed = DisclosedValue.Shown(overview.Population.Employed);
        var totalEvents = KeyedCount.Sum(overview.EventsByMeasure.Select(m => m.Keyed));

        return new PublishedOverview(
            overview.Region,
            overview.Year,
            audience.IsPublic,
            audience.Threshold,
            audience.Count(overview.KeyedPeopleCovered),
            overview.Measures,
            [.. overview.EventsByMeasure.Select(m => audience.Count(m.Keyed))],
            audience.Count(totalEvents),
            grants,
            GrantPublishing.Amount(audience, grants, overview.Grants.Count, overview.Grants.AmountKzt, 1000m),
            GrantPublishing.Amount(audience, grants, overview.Grants.Count, overview.Grants.AmountMci, 1m),
            DisclosedValue.Shown(overview.Quotas.EmployersWithQuota),
            placesSet,
            filled,
            audience.Rate(filled, placesSet),
            DisclosedValue.Shown(overview.Quotas.SpecialWorkplaces),
            DisclosedValue.Shown(overview.Quotas.PendingApplications),
            DisclosedValue.Shown(overview.Quotas.PendingPlaces),
            DisclosedValue.Shown(overview.Population.PeopleWithDisabilities),
            workingAge,
            employed,
            audience.Rate(employed, workingAge),
            [.. overview.Districts.Select(d => new PublishedDistrictRow(
                d.District,
                audience.Count(d.KeyedPeople),
                [.. d.KeyedEvents.Select(audience.Count)],
                audience.Count(KeyedCount.Sum(d.KeyedEvents))))]);
    }
}
