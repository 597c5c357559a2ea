using EmploymentDashboard.Data.Entities;

namespace EmploymentDashboard.Data.Demo;

/// <summary>
/// The region totals one demo year is built to: events per measure, how many events go to people
/// already counted, quotas, special workplaces and population context.
/// </summary>
public sealed record DemoYearPlan
{
    public required int Year { get; init; }

    /// <summary>The year's monthly calculation index in tenge.</summary>
    public required int MciKzt { get; init; }

    /// <summary>Placement events per measure code, not counting grants (see <see cref="Grants"/>).</summary>
    public required IReadOnlyDictionary<string, int> Placements { get; init; }

    public required int Grants { get; init; }

    /// <summary>Grant amount in MCI (one-off 400 MCI).</summary>
    public int GrantMci { get; init; } = 400;

    /// <summary>
    /// Of the training placements, this many are the grant recipients' own Bastau Business training
    /// (so they are the same people); at most <see cref="Grants"/>.
    /// </summary>
    public required int TrainingOfGrantRecipients { get; init; }

    /// <summary>Vacancy placements of people who had public works earlier in the year (same people again).</summary>
    public required int VacanciesAfterPublicWorks { get; init; }

    public required int EmployersWithQuota { get; init; }

    public required int QuotaPlaces { get; init; }

    public int PendingApplications { get; init; }

    public int PendingPlaces { get; init; }

    public required IReadOnlyList<(ImpairmentType Type, DisabilityGroup? Group, int Count)> SpecialWorkplaces { get; init; }

    public required int PeopleWithDisabilities { get; init; }

    public required int WorkingAge { get; init; }

    public required int Employed { get; init; }

    /// <summary>Distinct people the plan covers: every event, less those that go to people already counted.</summary>
    public int DistinctPeople => Placements.Values.Sum() + Grants - TrainingOfGrantRecipients - VacanciesAfterPublicWorks;

    /// <summary>The reporting year: every published figure of DOMAIN.md, plus demo assumptions for measures the article names without figures.</summary>
    public static DemoYearPlan Reporting { get; } = new()
    {
        Year = PublishedFigures.ReportingYear,
        MciKzt = 3_932,
        Placements = new Dictionary<string, int>
        {
            [MeasureCodes.Vacancy] = PublishedFigures.VacancyPlacements,
            [MeasureCodes.SocialJobs] = PublishedFigures.SocialJobs,
            [MeasureCodes.PublicWorks] = PublishedFigures.PublicWorks,
            [MeasureCodes.SilverAge] = PublishedFigures.SilverAge,
            // Named in the article without figures: demo assumptions chosen so that distinct people come to 1120.
            [MeasureCodes.YouthPractice] = 85,
            [MeasureCodes.FirstJob] = 110,
            [MeasureCodes.Training] = 180,
        },
        Grants = PublishedFigures.Grants,
        TrainingOfGrantRecipients = PublishedFigures.Grants,
        VacanciesAfterPublicWorks = 24,
        EmployersWithQuota = PublishedFigures.EmployersWithQuota,
        QuotaPlaces = PublishedFigures.QuotaPlaces,
        PendingApplications = PublishedFigures.PendingApplications,
        PendingPlaces = PublishedFigures.PendingPlaces,
        SpecialWorkplaces = [(ImpairmentType.Hearing, DisabilityGroup.III, PublishedFigures.SpecialWorkplacesHearing)],
        PeopleWithDisabilities = PublishedFigures.PeopleWithDisabilities,
        WorkingAge = PublishedFigures.WorkingAge,
        Employed = PublishedFigures.Employed,
    };

    /// <summary>Two earlier years of plausible synthetic figures, for trends. The quota was doubled in the reporting year.</summary>
    public static IReadOnlyList<DemoYearPlan> Earlier { get; } =
    [
        new()
        {
            Year = 2023,
            MciKzt = 3_450,
            Placements = new Dictionary<string, int>
            {
                [MeasureCodes.Vacancy] = 301,
                [MeasureCodes.SocialJobs] = 11,
                [MeasureCodes.PublicWorks] = 243,
                [MeasureCodes.SilverAge] = 64,
                [MeasureCodes.YouthPractice] = 70,
                [MeasureCodes.FirstJob] = 88,
                [MeasureCodes.Training] = 139,
            },
            Grants = 47,
            TrainingOfGrantRecipients = 47,
            VacanciesAfterPublicWorks = 17,
            EmployersWithQuota = 47,
            QuotaPlaces = 101,
            SpecialWorkplaces = [(ImpairmentType.Hearing, null, 2), (ImpairmentType.Mobility, null, 2)],
            PeopleWithDisabilities = 53_800,
            WorkingAge = 26_800,
            Employed = 10_150,
        },
        new()
        {
            Year = 2024,
            MciKzt = 3_692,
            Placements = new Dictionary<string, int>
            {
                [MeasureCodes.Vacancy] = 332,
                [MeasureCodes.SocialJobs] = 13,
                [MeasureCodes.PublicWorks] = 268,
                [MeasureCodes.SilverAge] = 87,
                [MeasureCodes.YouthPractice] = 77,
                [MeasureCodes.FirstJob] = 97,
                [MeasureCodes.Training] = 158,
            },
            Grants = 54,
            TrainingOfGrantRecipients = 54,
            VacanciesAfterPublicWorks = 21,
            EmployersWithQuota = 52,
            QuotaPlaces = 110,
            SpecialWorkplaces = [(ImpairmentType.Hearing, null, 3), (ImpairmentType.Vision, null, 2), (ImpairmentType.Mobility, null, 1)],
            PeopleWithDisabilities = 54_400,
            WorkingAge = 27_150,
            Employed = 10_600,
        },
    ];
}
