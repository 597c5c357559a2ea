using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Data.Tables;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages;

/// <summary>
/// The region overview: indicator cards for the period with the change on the same period a year earlier,
/// the placements table (districts × measures) and the breakdowns, each a table of the table model.
/// </summary>
public sealed class IndexModel(DashboardReadDbContext db, DisclosurePolicy disclosure, IStringLocalizer<SharedResource> localizer)
    : FilteredPageModel(db, disclosure, localizer)
{
    /// <summary>The overview as this audience may see it: disclosure-controlled for the public, exact for staff.</summary>
    public PublishedOverview? Overview { get; private set; }

    /// <summary>The same period one year earlier, when the database has it (for the change against the previous year).</summary>
    public PublishedOverview? Previous { get; private set; }

    /// <summary>Placements by district and measure, from the same published overview as the cards.</summary>
    public ChartTable? Placements { get; private set; }

    /// <summary>Monthly trend and breakdowns by measure, district, group, sex and age, following every filter.</summary>
    public IReadOnlyList<ChartTable> Charts { get; private set; } = [];

    /// <summary>Plan against actual for the year (the region, or the one district filtered); null without a plan.</summary>
    public StatTable? PlanTable { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await ResolveFiltersAsync(cancellationToken))
        {
            return;
        }

        Overview = await OverviewTables.GetOverviewAsync(Db, Filter, TableAudience, cancellationToken);
        Placements = new ChartTable(OverviewTables.Placements(Overview, TableAudience), HeadingLevel: 2);
        var previous = Filter.PreviousYear();
        if (Filters.Years.Contains(previous.Period.From.Year))
        {
            Previous = await OverviewTables.GetOverviewAsync(Db, previous, TableAudience, cancellationToken);
        }

        PlanTable = Filter.DistrictIds.Count <= 1 && Filter.MeasureIds.Count == 0
            ? await PlanTables.GetAsync(Db, Filter, TableAudience, "overview", Filter.DistrictIds.Count == 1 ? Filter.DistrictIds[0] : null, null, cancellationToken)
            : null;
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
}
