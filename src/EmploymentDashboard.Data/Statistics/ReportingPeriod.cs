namespace EmploymentDashboard.Data.Statistics;

/// <summary>A reporting period: whole calendar months from <see cref="From"/> to <see cref="To"/> inclusive.</summary>
public sealed record ReportingPeriod(DateOnly From, DateOnly To)
{
    /// <summary>The calendar year.</summary>
    public static ReportingPeriod ForYear(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    /// <summary>First day after the period, for half-open range filters that use the date indexes.</summary>
    public DateOnly EndExclusive => To.AddDays(1);

    /// <summary>Bits of all twelve months in a month mask.</summary>
    public const int WholeYearMask = 0xFFF;

    /// <summary>First day of the period's first month: statistics count whole months (the rollups' grain).</summary>
    public DateOnly FirstMonth => new(From.Year, From.Month, 1);

    /// <summary>First day of the month after the period's last month.</summary>
    public DateOnly EndMonthExclusive => new DateOnly(To.Year, To.Month, 1).AddMonths(1);

    /// <summary>The months of <paramref name="year"/> inside the period as a 12-bit mask (bit 0 = January); 0 when none.</summary>
    public int MonthMask(int year)
    {
        var mask = 0;
        for (var month = FirstMonth; month < EndMonthExclusive; month = month.AddMonths(1))
        {
            mask |= month.Year == year ? 1 << (month.Month - 1) : 0;
        }

        return mask;
    }
}
