using System.Globalization;
using System.Text.Json;
using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages;

/// <summary>
/// The region overview: indicator cards for one year, and placements by district and measure as a
/// chart and as a table of the same numbers. Query string: region (code) and year.
/// </summary>
public sealed class IndexModel(DashboardDbContext db, DisclosurePolicy disclosure, IStringLocalizer<SharedResource> localizer)
    : FilteredPageModel(db, disclosure, localizer)
{
    /// <summary>The overview as this audience may see it: disclosure-controlled for the public, exact for staff.</summary>
    public PublishedOverview? Overview { get; private set; }

    /// <summary>The same period one year earlier, when the database has it (for the change against the previous year).</summary>
    public PublishedOverview? Previous { get; private set; }

    /// <summary>Monthly trend and breakdowns by measure, district, group, sex and age, following every filter.</summary>
    public IReadOnlyList<ChartTable> Charts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await ResolveFiltersAsync(cancellationToken))
        {
            return;
        }

        Overview = await PublishAsync(Filter.Period, cancellationToken);
        var previous = Filter.PreviousYear();
        if (Filters.Years.Contains(previous.Period.From.Year))
        {
            Previous = await PublishAsync(previous.Period, cancellationToken);
        }

        Charts = await BreakdownChartsAsync(Filter, "overview", [Dimension.Month, Dimension.Measure, Dimension.District, Dimension.DisabilityGroup, Dimension.Sex, Dimension.AgeBand], cancellationToken);
    }

    /// <summary>"+12 (+3.4%)" against the previous year, from shown values only; null when either is withheld or missing.</summary>
    public string? Change(DisclosedValue current, DisclosedValue? previous)
    {
        if (current.Value is not { } now || previous?.Value is not { } before)
        {
            return null;
        }

        var difference = now - before;
        var sign = difference > 0 ? "+" : difference < 0 ? "−" : "±";
        var percent = before == 0 ? string.Empty : $" ({sign}{Math.Abs(100m * difference / before).ToString("N1", Culture)}%)";
        return $"{sign}{Math.Abs(difference).ToString("N0", Culture)}{percent}";
    }

    /// <summary>
    /// The chart's data as JSON: district labels and one series per measure, the same numbers as the
    /// table. A withheld value is null (a gap in the bar) and flagged; it never travels to the browser.
    /// </summary>
    public string ChartJson()
    {
        if (Overview is null)
        {
            return "{}";
        }

        var culture = CultureInfo.CurrentUICulture;
        var chart = new
        {
            labels = Overview.Districts.Select(d => d.District.Name.For(culture)),
            districts = Overview.Districts.Select(d => d.District.Code),
            datasets = Overview.Measures.Select((m, i) => new
            {
                code = m.Code,
                label = m.Name.For(culture),
                data = Overview.Districts.Select(d => d.Events[i].Value),
                suppressed = Overview.Districts.Select(d => d.Events[i].IsSuppressed),
            }),
        };
        return JsonSerializer.Serialize(chart);
    }

    private async Task<PublishedOverview> PublishAsync(ReportingPeriod period, CancellationToken cancellationToken)
    {
        var overview = await Db.GetRegionOverviewAsync(Filter.Region, period, cancellationToken);
        return IsPublic ? OverviewPublishing.ForPublic(overview, Disclosure) : OverviewPublishing.Exact(overview, Threshold);
    }
}
