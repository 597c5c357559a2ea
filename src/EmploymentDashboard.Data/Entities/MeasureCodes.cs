namespace EmploymentDashboard.Data.Entities;

/// <summary>Stable codes of the support measures, used in URLs, exports and queries.</summary>
public static class MeasureCodes
{
    public const string Vacancy = "vacancy";
    public const string SocialJobs = "social_jobs";
    public const string PublicWorks = "public_works";
    public const string YouthPractice = "youth_practice";
    public const string FirstJob = "first_job";
    public const string SilverAge = "silver_age";
    public const string BusinessGrant = "business_grant";
    public const string Training = "training";
}
