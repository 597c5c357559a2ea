using System.Globalization;
using EmploymentDashboard.Tests.Infrastructure;
using EmploymentDashboard.Web.Infrastructure;

namespace EmploymentDashboard.Tests.Web;

/// <summary>Dates in the order and case each language writes them, Kazakh included.</summary>
public sealed class DashboardDatesTests
{
    [Theory]
    [InlineData("ru", "15 января 2026")]
    [InlineData("kk", "2026 жылғы 15 қаңтар")]
    [InlineData("en", "15 January 2026")]
    public void A_day_is_written_in_the_order_of_the_language(string language, string expected) =>
        Assert.Equal(expected, DashboardDates.Day(new DateOnly(2026, 1, 15), CultureInfo.GetCultureInfo(language)));

    [Fact]
    public void A_timestamp_is_written_as_its_own_calendar_day() =>
        Assert.Equal("2026 жылғы 1 наурыз", DashboardDates.Day(new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.FromHours(5)), CultureInfo.GetCultureInfo("kk")));

    [Theory]
    [InlineData("ru", "январь 2025", "янв. 2025")]
    [InlineData("kk", "қаңтар 2025", "қаң. 2025")]
    [InlineData("en", "January 2025", "Jan 2025")]
    public void A_month_is_written_with_the_case_and_abbreviation_of_the_language(string language, string month, string shortMonth)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        Assert.Equal(month, DashboardDates.Month(new DateOnly(2025, 1, 1), culture));
        Assert.Equal(shortMonth, DashboardDates.ShortMonth(new DateOnly(2025, 1, 1), culture));
    }

    [Fact]
    public void Every_Kazakh_month_name_is_in_lower_case()
    {
        var kk = CultureInfo.GetCultureInfo("kk");
        for (var month = 1; month <= 12; month++)
        {
            var text = DashboardDates.Month(new DateOnly(2025, month, 1), kk);
            Assert.Equal(text.ToLower(kk), text);
        }
    }

    [Fact]
    public void Pages_format_month_names_only_through_the_helper()
    {
        var web = RepositoryFiles.PathOf("src", "EmploymentDashboard.Web");
        var formatted = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.EndsWith("DashboardDates.cs", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("MMM", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(web, f));
        Assert.Empty(formatted);
    }
}
