using EmploymentDashboard.Web.Infrastructure;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages;

/// <summary>What an indicator counts.</summary>
public enum IndicatorCounts
{
    People,
    Events,
    Employers,
    Places,
    Applications,
    Money,
    Rate,
}

/// <summary>Where an indicator's figures come from.</summary>
public enum IndicatorSource
{
    Measures,
    Quotas,
    Population,
}

/// <summary>One entry of the glossary; <see cref="Id"/> is its stable anchor on the page.</summary>
public sealed record IndicatorDefinition(string Id, string Name, string Text, string Unit, IndicatorCounts Counts, IndicatorSource Source)
{
    /// <summary>Resource key of the text saying what <see cref="Counts"/> means.</summary>
    public string CountsKey => $"Definitions.Counts.{Counts}";

    /// <summary>Resource key of the source's name.</summary>
    public string SourceKey => $"Definitions.Source.{Source}";
}

/// <summary>
/// The glossary at /Definitions: each indicator the dashboards show, with its definition, unit, source and
/// whether it counts distinct people or events. Public.
/// </summary>
public sealed class DefinitionsModel(DashboardReadDbContext db, IStringLocalizer<SharedResource> localizer) : DashboardPageModel
{
    /// <summary>Every measure code, in the order of the dashboards; each has an events_code entry.</summary>
    public static readonly IReadOnlyList<string> MeasureCodeList =
    [
        MeasureCodes.Vacancy, MeasureCodes.SocialJobs, MeasureCodes.PublicWorks, MeasureCodes.YouthPractice,
        MeasureCodes.FirstJob, MeasureCodes.SilverAge, MeasureCodes.BusinessGrant, MeasureCodes.Training,
    ];

    public IReadOnlyList<IndicatorDefinition> Definitions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        var measures = (await db.GetMeasuresAsync(cancellationToken)).ToDictionary(m => m.Code);
        IndicatorDefinition Entry(string id, string nameKey, string unitKey, IndicatorCounts counts, IndicatorSource source) =>
            new(id, localizer[nameKey], localizer[$"Definitions.{id}.Text"], localizer[unitKey], counts, source);

        var list = new List<IndicatorDefinition>
        {
            Entry("people_covered", "Indicator.PeopleCovered", "Definitions.Unit.People", IndicatorCounts.People, IndicatorSource.Measures),
            Entry("events", "Definitions.events.Name", "Definitions.Unit.Events", IndicatorCounts.Events, IndicatorSource.Measures),
        };
        foreach (var code in MeasureCodeList)
        {
            var name = measures.TryGetValue(code, out var measure) ? measure.Name.For(culture) : code;
            list.Add(new IndicatorDefinition(
                $"events_{code}",
                name,
                localizer[$"Definitions.events_{code}.Text"],
                localizer[code == MeasureCodes.BusinessGrant ? "Definitions.Unit.Grants" : "Definitions.Unit.Events"],
                IndicatorCounts.Events,
                IndicatorSource.Measures));
        }

        list.AddRange(
        [
            Entry("grants_count", "Indicator.GrantsCount", "Definitions.Unit.Grants", IndicatorCounts.Events, IndicatorSource.Measures),
            Entry("grants_amount", "Indicator.GrantsAmountKzt", "Definitions.Unit.Money", IndicatorCounts.Money, IndicatorSource.Measures),
            Entry("quota_employers", "Indicator.QuotaEmployers", "Definitions.Unit.Employers", IndicatorCounts.Employers, IndicatorSource.Quotas),
            Entry("quota_places_set", "Indicator.QuotaPlacesSet", "Definitions.Unit.Places", IndicatorCounts.Places, IndicatorSource.Quotas),
            Entry("quota_places_filled", "Indicator.QuotaPlacesFilled", "Definitions.Unit.Places", IndicatorCounts.Places, IndicatorSource.Quotas),
            Entry("quota_fulfilment", "Indicator.QuotaFulfilment", "Definitions.Unit.Percent", IndicatorCounts.Rate, IndicatorSource.Quotas),
            Entry("special_workplaces", "Indicator.SpecialWorkplaces", "Definitions.Unit.Places", IndicatorCounts.Places, IndicatorSource.Quotas),
            Entry("pending_applications", "Indicator.PendingApplications", "Definitions.Unit.Applications", IndicatorCounts.Applications, IndicatorSource.Quotas),
            Entry("people_with_disabilities", "Indicator.PeopleWithDisabilities", "Definitions.Unit.People", IndicatorCounts.People, IndicatorSource.Population),
            Entry("working_age", "Indicator.WorkingAge", "Definitions.Unit.People", IndicatorCounts.People, IndicatorSource.Population),
            Entry("employed", "Indicator.Employed", "Definitions.Unit.People", IndicatorCounts.People, IndicatorSource.Population),
            Entry("employment_rate", "Indicator.EmploymentRate", "Definitions.Unit.Percent", IndicatorCounts.Rate, IndicatorSource.Population),
            Entry("per_1000", "Map.Indicator.per_1000", "Definitions.Unit.PerThousand", IndicatorCounts.Rate, IndicatorSource.Measures),
        ]);
        Definitions = list;
    }
}
