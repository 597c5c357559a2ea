using EmploymentDashboard.Data.Statistics;

namespace EmploymentDashboard.Data.Disclosure;

/// <summary>
/// The region overview as it may be shown to one audience: every figure a <see cref="DisclosedValue"/>.
/// For the public the disclosure policy has been applied; for staff every value is shown exactly. Pages
/// render only this, so an exact small count cannot reach a public page by mistake.
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
    decimal? GrantsAmountKzt,
    decimal? GrantsAmountMci,
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
    /// <summary>True when some figure on the page is withheld, so the page shows the legend.</summary>
    public bool HasSuppressedValues => Districts.Any(d => d.PeopleCovered.IsSuppressed || d.Events.Any(e => e.IsSuppressed) || d.TotalEvents.IsSuppressed)
        || EventsByMeasure.Any(e => e.IsSuppressed) || PeopleCovered.IsSuppressed;
}

/// <summary>One district's row: distinct people, events per measure (in <see cref="PublishedOverview.Measures"/> order) and its total of events.</summary>
public sealed record PublishedDistrictRow(DistrictLabel District, DisclosedValue PeopleCovered, IReadOnlyList<DisclosedValue> Events, DisclosedValue TotalEvents);

/// <summary>Turns a <see cref="RegionOverview"/> into what an audience may see.</summary>
public static class OverviewPublishing
{
    /// <summary>Staff see exact figures.</summary>
    public static PublishedOverview Exact(RegionOverview overview, int threshold) =>
        Build(overview, isPublic: false, threshold, DisclosedValue.Shown, ExactPercentage, ProtectNothing);

    /// <summary>
    /// The public sees the disclosure policy applied: people and events (small counts and their
    /// complements withheld) and every other count on the page too. Employer-level figures (employers,
    /// quota places, special workplaces, pending applications) could be public, but a small one can still
    /// point at the one person hired there, so they follow the same rule; rates need a shown base of at least k.
    /// </summary>
    public static PublishedOverview ForPublic(RegionOverview overview, DisclosurePolicy policy) =>
        Build(overview, isPublic: true, policy.Options.Threshold, v => policy.Count(v), (n, d) => policy.Rate(n, d), (cells, rows, columns) => policy.Protect(cells, rows, columns));

    private static PublishedOverview Build(
        RegionOverview overview,
        bool isPublic,
        int threshold,
        Func<long, DisclosedValue> count,
        Func<DisclosedValue, DisclosedValue, DisclosedRate> rate,
        Func<long[,], bool, bool, DisclosedTable?> protect)
    {
        var districts = overview.Districts;
        var measures = overview.Measures;

        // District × measure, with each district's total of events and the region total per measure.
        var events = new long[districts.Count, measures.Count];
        var people = new long[districts.Count, 1];
        for (var d = 0; d < districts.Count; d++)
        {
            people[d, 0] = districts[d].PeopleCovered;
            for (var m = 0; m < measures.Count; m++)
            {
                events[d, m] = districts[d].Events[m];
            }
        }

        var eventTable = protect(events, true, true);
        var peopleTable = protect(people, false, true);

        DisclosedValue EventCell(int d, int m) => eventTable?.Cell(d, m) ?? DisclosedValue.Shown(events[d, m]);
        DisclosedValue RowTotal(int d) => eventTable?.RowTotal(d) ?? DisclosedValue.Shown(districts[d].TotalEvents);
        DisclosedValue PeopleCell(int d) => peopleTable?.Cell(d, 0) ?? DisclosedValue.Shown(people[d, 0]);

        var rows = districts
            .Select((row, d) => new PublishedDistrictRow(row.District, PeopleCell(d), [.. measures.Select((_, m) => EventCell(d, m))], RowTotal(d)))
            .ToList();

        // The region's events per measure are the table's column totals, so cards and table agree.
        var byMeasure = measures.Select((_, m) => eventTable?.ColumnTotal(m) ?? DisclosedValue.Shown(overview.EventsByMeasure[m].Events)).ToList();
        var totalEvents = eventTable?.GrandTotal ?? DisclosedValue.Shown(overview.EventsByMeasure.Sum(e => e.Events));

        var grants = count(overview.Grants.Count);
        var placesSet = count(overview.Quotas.PlacesSet);
        var filled = count(overview.Quotas.PlacesFilled);
        var workingAge = count(overview.Population.WorkingAge);
        var employed = count(overview.Population.Employed);

        return new PublishedOverview(
            overview.Region,
            overview.Year,
            isPublic,
            threshold,
            count(overview.PeopleCovered),
            measures,
            byMeasure,
            totalEvents,
            grants,
            // Every grant is the same number of MCI, so the amount would reveal a withheld count.
            grants.IsSuppressed ? null : overview.Grants.AmountKzt,
            grants.IsSuppressed ? null : overview.Grants.AmountMci,
            count(overview.Quotas.EmployersWithQuota),
            placesSet,
            filled,
            rate(filled, placesSet),
            count(overview.Quotas.SpecialWorkplaces),
            count(overview.Quotas.PendingApplications),
            count(overview.Quotas.PendingPlaces),
            count(overview.Population.PeopleWithDisabilities),
            workingAge,
            employed,
            rate(employed, workingAge),
            rows);
    }

    private static DisclosedTable? ProtectNothing(long[,] cells, bool rowTotals, bool columnTotals) => null;

    /// <summary>An exact percentage for staff; withheld only when there is no base at all.</summary>
    private static DisclosedRate ExactPercentage(DisclosedValue numerator, DisclosedValue denominator) =>
        ExactRate.Of(numerator.Value ?? 0, denominator.Value ?? 0);
}
