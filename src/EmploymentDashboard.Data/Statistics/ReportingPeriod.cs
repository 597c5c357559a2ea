namespace EmploymentDashboard.Data.Statistics;

/// <summary>A reporting period: whole calendar months from <see cref="From"/> to <see cref="To"/> inclusive.</summary>
public sealed record ReportingPeriod(DateOnly From, DateOnly To)
{
    /// <summary>The calendar year.</summary>
    public static ReportingPeriod ForYear(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    /// <summary>First day after the period, for half-open range filters that use the date indexes.</summary>
    public DateOnly EndExclusive => To.AddDays(1);
}
