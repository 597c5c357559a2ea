namespace EmploymentDashboard.Data.Demo;

/// <summary>
/// The region totals the akimat published for the reporting year (shared/domain/DOMAIN.md, from the
/// regional news report). The demo data reproduce every one of them exactly.
/// </summary>
public static class PublishedFigures
{
    /// <summary>The reporting year the demo data treat as "this year".</summary>
    public const int ReportingYear = 2025;

    /// <summary>Distinct people with disabilities covered by all employment-support measures.</summary>
    public const int PeopleCovered = 1120;

    public const int VacancyPlacements = 358;
    public const int SocialJobs = 15;
    public const int PublicWorks = 290;
    public const int SilverAge = 106;
    public const int Grants = 61;

    /// <summary>Enterprises with a disability job quota in force this year.</summary>
    public const int EmployersWithQuota = 89;

    /// <summary>Quota jobs set at those enterprises.</summary>
    public const int QuotaPlaces = 219;

    /// <summary>Special workplaces created for people with hearing impairment, disability group III.</summary>
    public const int SpecialWorkplacesHearing = 11;

    /// <summary>Applications still being signed, and the workplaces they add in Karaganda city.</summary>
    public const int PendingApplications = 1;

    public const int PendingPlaces = 2;

    /// <summary>Population context (the article gives these as approximate; the demo uses them exactly).</summary>
    public const int PeopleWithDisabilities = 55_000;

    public const int WorkingAge = 27_500;

    public const int Employed = 11_000;
}
