using System.Globalization;
using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Data.Tables;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
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

    /// <summary>The filters of the query string, bound by the framework.</summary>
    [BindProperty(SupportsGet = true)]
    public FilterRequest Query { get; set; } = new();

    public FilterQuery Filters { get; private set; } = null!;

    /// <summary>The resolved filter; only valid after <see cref="ResolveFiltersAsync"/> returned true.</summary>
    public DashboardFilter Filter => Filters.Filter!;

    public bool IsPublic => !Audience.SeesExactFigures(User);

    public int Threshold => Disclosure.Threshold;

    protected static CultureInfo Culture => CultureInfo.CurrentCulture;

    /// <summary>Reads the dataset and the filters. False when the page cannot show data: a bad filter (status 400 is set) or an empty database.</summary>
    protected async Task<bool> ResolveFiltersAsync(CancellationToken cancellationToken)
    {
        var reference = await HttpContext.RequestServices.GetRequiredService<ReferenceDataCache>().GetAsync(Db, cancellationToken);
        Dataset = reference.Dataset;
        Reference = reference;
        Filters = FilterQuery.Resolve(reference, Query, Localizer, IsPublic);
        if (Filters.Problem is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return false;
        }

        return Filters.Filter is not null;
    }

    /// <summary>The area the page shows, for its title: the region, or the selected districts (see <see cref="FilterQuery.AreaName"/>).</summary>
    public string AreaName => Filters?.Filter is null ? string.Empty : Filters.AreaName(Selection.Of(HttpContext), Localizer, Culture);

    /// <summary>Who the page is for: the public (counts perturbed, in the data layer) or staff (exact figures).</summary>
    protected TableAudience TableAudience => Audience.TableAudience(User, Disclosure, Reference);

    private ReferenceData Reference { get; set; } = null!;

    /// <summary>The breakdown tables of a filter, one per dimension, with their charts (the monthly trend as a line).</summary>
    protected async Task<IReadOnlyList<ChartTable>> BreakdownChartsAsync(DashboardFilter filter, string idPrefix, IEnumerable<Dimension> dimensions, CancellationToken cancellationToken)
    {
        var charts = new List<ChartTable>();
        foreach (var dimension in dimensions)
        {
            charts.Add(new ChartTable(await BreakdownTables.GetAsync(Db, filter, TableAudience, idPrefix, dimension, cancellationToken)));
        }

        return charts;
    }
}
