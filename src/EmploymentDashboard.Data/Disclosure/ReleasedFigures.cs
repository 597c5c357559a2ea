using EmploymentDashboard.Data.Demo;
using EmploymentDashboard.Data.Statistics;

namespace EmploymentDashboard.Data.Disclosure;

/// <summary>
/// The allow-list of counts the akimat has already released exactly: its region totals for the reporting year
/// (shared/domain/DOMAIN.md): people covered, and events of the five measures and grants it names. A released
/// count is identified by its value and the key sum of its units, so it is shown exact wherever the same units
/// are counted (a card, a table's total row, another page's table, a file) and nowhere else; if the data no
/// longer give the released value, the count is perturbed like any other.
/// </summary>
public static class ReleasedFigures
{
    public const string RegionCode = "karaganda";

    public const int Year = PublishedFigures.ReportingYear;

    /// <summary>The released events by measure code.</summary>
    public static IReadOnlyDictionary<string, long> EventsByMeasure { get; } = new Dictionary<string, long>
    {
        ["vacancy"] = PublishedFigures.VacancyPlacements,
        ["social_jobs"] = PublishedFigures.SocialJobs,
        ["public_works"] = PublishedFigures.PublicWorks,
        ["silver_age"] = PublishedFigures.SilverAge,
        ["business_grant"] = PublishedFigures.Grants,
    };

    /// <summary>The released counts found in the data, as (count, key sum); empty when the region or year is not there.</summary>
    public static async Task<IReadOnlySet<KeyedCount>> FindAsync(DashboardDbContext db, IReadOnlyList<RegionSummary> regions, CancellationToken cancellationToken)
    {
        var region = regions.FirstOrDefault(r => r.Code == RegionCode);
        if (region is null)
        {
            return new HashSet<KeyedCount>();
        }

        var filter = new DashboardFilter { Region = region, Period = ReportingPeriod.ForYear(Year) };
        var byMeasure = await db.GetBreakdownAsync(filter, Dimension.Measure, cancellationToken);
        var released = new HashSet<KeyedCount>();
        if (byMeasure.TotalPeople == PublishedFigures.PeopleCovered)
        {
            released.Add(byMeasure.KeyedTotalPeople);
        }

        foreach (var row in byMeasure.Rows)
        {
            if (EventsByMeasure.TryGetValue(row.Code, out var value) && row.Events == value)
            {
                released.Add(row.KeyedEvents);
            }
        }

        return released;
    }
}
