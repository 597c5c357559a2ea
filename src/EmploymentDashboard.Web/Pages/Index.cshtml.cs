using System.Globalization;
using System.Text.Json;
using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages;

/// <summary>
/// The region overview: indicator cards for one year, and placements by district and measure as a
/// chart and as a table of the same numbers. Query string: region (code) and year.
/// </summary>
public sealed class IndexModel(DashboardDbContext db, DisclosurePolicy disclosure, IStringLocalizer<SharedResource> localizer) : DashboardPageModel
{
    /// <summary>The overview as this audience may see it: disclosure-controlled for the public, exact for staff.</summary>
    public PublishedOverview? Overview { get; private set; }

    public IReadOnlyList<RegionSummary> Regions { get; private set; } = [];

    public IReadOnlyList<int> Years { get; private set; } = [];

    /// <summary>Why the request could not be answered as asked (shown with status 400).</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? region, string? year, CancellationToken cancellationToken)
    {
        Dataset = await db.GetSummaryAsync(cancellationToken);
        Regions = await db.GetRegionsAsync(cancellationToken);
        if (Regions.Count == 0)
        {
            return Page();
        }

        var selectedRegion = string.IsNullOrWhiteSpace(region) ? Regions[0] : Regions.FirstOrDefault(r => r.Code == region.Trim());
        if (selectedRegion is null)
        {
            return BadRequestPage(localizer["Filter.UnknownRegion", region!]);
        }

        Years = await db.GetYearsWithDataAsync(selectedRegion.Id, cancellationToken);
        int selectedYear;
        if (string.IsNullOrWhiteSpace(year))
        {
            selectedYear = Dataset.ReportingYear is { } reporting && Years.Contains(reporting) ? reporting : Years.FirstOrDefault(DateTime.Today.Year);
        }
        else if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out selectedYear) || !Years.Contains(selectedYear))
        {
            return BadRequestPage(localizer["Filter.UnknownYear", year, string.Join(", ", Years)]);
        }

        var overview = await db.GetRegionOverviewAsync(selectedRegion, selectedYear, cancellationToken);
        Overview = Audience.SeesExactFigures(User)
            ? OverviewPublishing.Exact(overview, disclosure.Options.Threshold)
            : OverviewPublishing.ForPublic(overview, disclosure);
        return Page();
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

    private PageResult BadRequestPage(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
