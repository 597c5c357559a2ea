using System.Globalization;
using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages;

/// <summary>
/// A dashboard page driven by the filters in its query string. It resolves them (a bad value answers
/// 400 with the reason), and publishes statistics for the audience: disclosure-controlled for the
/// public, exact for staff.
/// </summary>
public abstract class FilteredPageModel(DashboardDbContext db, DisclosurePolicy disclosure, IStringLocalizer<SharedResource> localizer) : DashboardPageModel
{
    protected DashboardDbContext Db { get; } = db;

    protected DisclosurePolicy Disclosure { get; } = disclosure;

    protected IStringLocalizer<SharedResource> Localizer { get; } = localizer;

    public FilterQuery Filters { get; private set; } = null!;

    /// <summary>The resolved filter; only valid after <see cref="ResolveFiltersAsync"/> returned true.</summary>
    public DashboardFilter Filter => Filters.Filter!;

    public bool IsPublic => !Audience.SeesExactFigures(User);

    public int Threshold => Disclosure.Options.Threshold;

    protected static CultureInfo Culture => CultureInfo.CurrentCulture;

    /// <summary>Reads the dataset and the filters. False when the page cannot show data: a bad filter (status 400 is set) or an empty database.</summary>
    protected async Task<bool> ResolveFiltersAsync(CancellationToken cancellationToken)
    {
        Dataset = await Db.GetSummaryAsync(cancellationToken);
        Filters = await FilterQuery.ResolveAsync(Db, Request.Query, Localizer, Dataset, cancellationToken);
        if (Filters.Problem is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return false;
        }

        return Filters.Filter is not null;
    }

    protected PublishedBreakdown Publish(Breakdown breakdown) =>
        IsPublic ? PublishedBreakdown.ForPublic(breakdown, Disclosure) : PublishedBreakdown.Exact(breakdown);

    protected DisclosedValue Count(long value) => IsPublic ? Disclosure.Count(value) : DisclosedValue.Shown(value);

    /// <summary>A chart and table of events and distinct people by one dimension.</summary>
    protected ChartTable BreakdownChart(string id, string title, string categoryHeader, PublishedBreakdown breakdown, string kind = "bar", Func<string, string?>? href = null, string? definition = "events")
    {
        var categories = breakdown.Rows.Select(r => new ChartCategory(r.Code, r.Label.For(Culture), href?.Invoke(r.Code))).ToList();
        return new ChartTable
        {
            Id = id,
            Title = title,
            Kind = kind,
            CategoryHeader = categoryHeader,
            Categories = categories,
            Series =
            [
                new ChartSeries("events", Localizer["Series.Events"], [.. breakdown.Rows.Select(r => r.Events)], breakdown.TotalEvents),
                new ChartSeries("people", Localizer["Series.People"], [.. breakdown.Rows.Select(r => r.People)], breakdown.TotalPeople),
            ],
            TotalLabel = Localizer["Table.Total"],
            Summary = Summarise(breakdown),
            Definition = definition,
            Threshold = Threshold,
        };
    }

    /// <summary>Charts with tables of events and people by each dimension, for a filter (the monthly trend as a line).</summary>
    protected async Task<IReadOnlyList<ChartTable>> BreakdownChartsAsync(DashboardFilter filter, string idPrefix, IEnumerable<Dimension> dimensions, CancellationToken cancellationToken)
    {
        var charts = new List<ChartTable>();
        foreach (var dimension in dimensions)
        {
            var breakdown = Publish(await Db.GetBreakdownAsync(filter, dimension, cancellationToken));
            Func<string, string?>? href = dimension switch
            {
                Dimension.District => code => FilterQuery.Link(Request, $"/Districts/{code}", ("district", null)),
                Dimension.Measure => code => FilterQuery.Link(Request, $"/Measures/{code}", ("measure", null)),
                _ => null,
            };
            charts.Add(BreakdownChart(
                $"{idPrefix}-by-{dimension.ToString().ToLowerInvariant()}",
                Localizer[$"Breakdown.By{dimension}"],
                Localizer[$"Breakdown.Header.{dimension}"],
                breakdown,
                dimension switch { Dimension.Month => "line", Dimension.District => "hbar", _ => "bar" },
                href));
        }

        return charts;
    }

    /// <summary>One sentence: the largest group and its share of the events, from shown values only.</summary>
    protected string Summarise(PublishedBreakdown breakdown)
    {
        var top = breakdown.Rows.Where(r => r.Events.Value is > 0).OrderByDescending(r => r.Events.Value).FirstOrDefault();
        if (top is null || breakdown.TotalEvents.Value is not { } total || total == 0)
        {
            return Localizer["Chart.NoEvents"];
        }

        return Localizer["Chart.Summary", top.Label.For(Culture), top.Events.Value!.Value.ToString("N0", Culture), total.ToString("N0", Culture)];
    }
}
