using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Data.Tables;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages;

/// <summary>
/// Employer job quotas for the filtered period's years: places set, filled and fulfilment by district and
/// year, special workplaces by impairment, pending applications; and, for staff only, the employer list
/// (query string sort=behind|name|district|fulfilment; employers=all to list employers without unfilled
/// places too; page=N, <see cref="PageSize"/> employers a page, paged in PostgreSQL).
/// </summary>
public sealed class QuotasModel(DashboardReadDbContext db, DisclosurePolicy disclosure, IStringLocalizer<SharedResource> localizer)
    : FilteredPageModel(db, disclosure, localizer)
{
    /// <summary>The accepted sort= values and the order each means.</summary>
    public static readonly IReadOnlyDictionary<string, EmployerQuotaOrder> SortOrders = new Dictionary<string, EmployerQuotaOrder>
    {
        ["behind"] = EmployerQuotaOrder.Behind,
        ["name"] = EmployerQuotaOrder.Name,
        ["district"] = EmployerQuotaOrder.District,
        ["fulfilment"] = EmployerQuotaOrder.Fulfilment,
    };

    /// <summary>Employers on one page of the list.</summary>
    public const int PageSize = 25;

    public PublishedQuotas? Quotas { get; private set; }

    /// <summary>Each district's places set, filled and unfilled, the most unfilled first, with bullet bars.</summary>
    public ChartTable? Unfilled { get; private set; }

    /// <summary>The page of the employer list shown; null for the public.</summary>
    public EmployerQuotaPage? EmployerPage { get; private set; }

    /// <summary>True when the list shows every employer, not only those with unfilled places (employers=all).</summary>
    public bool AllEmployers { get; private set; }

    /// <summary>Places set, filled and fulfilment by district and year, with its chart.</summary>
    public ChartTable? QuotaTable { get; private set; }

    public ChartTable? Workplaces { get; private set; }

    /// <summary>Pending applications by district; null when there are none.</summary>
    public StatTable? Pending { get; private set; }

    /// <summary>The employer list; null for the public, who never see it.</summary>
    public StatTable? Employers { get; private set; }

    public string Sort { get; private set; } = "behind";

    /// <summary>Why the sort= value cannot be used (answered 400).</summary>
    public string? SortProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await ResolveFiltersAsync(cancellationToken))
        {
            return Page();
        }

        var sort = Request.Query["sort"].FirstOrDefault()?.Trim();
        if (!string.IsNullOrEmpty(sort))
        {
            if (!SortOrders.ContainsKey(sort))
            {
                SortProblem = Localizer["Quotas.UnknownSort", sort, string.Join(", ", SortOrders.Keys)];
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }

            Sort = sort;
        }

        AllEmployers = Request.Query["employers"].FirstOrDefault() == "all";
        var pageText = Request.Query["page"].FirstOrDefault()?.Trim();
        var page = 1;
        if (!string.IsNullOrEmpty(pageText) && (!int.TryParse(pageText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out page) || page < 1))
        {
            SortProblem = Localizer["Quotas.BadPage", pageText];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Quotas = await QuotaTables.GetQuotasAsync(Db, Filter, TableAudience, cancellationToken);
        Unfilled = new ChartTable(QuotaTables.Unfilled(Quotas, TableAudience, Filter.DistrictIds.Count == 0), HeadingLevel: 2) { BarColumn = "filled", BarTarget = "set", Highlight = Selection.Of(HttpContext).Values("district") };
        QuotaTable = new ChartTable(QuotaTables.Quota(Quotas, TableAudience, Filter.DistrictIds.Count == 0), HeadingLevel: 2);
        Workplaces = new ChartTable(QuotaTables.Workplaces(Quotas, TableAudience));
        Pending = Quotas.Pending.Count == 0 ? null : QuotaTables.Pending(Quotas, TableAudience);
        if (!IsPublic)
        {
            EmployerPage = await Db.GetEmployerQuotaPageAsync(Filter, SortOrders[Sort], onlyUnfilled: !AllEmployers, page, PageSize, cancellationToken);
            if (page > EmployerPage.Pages)
            {
                SortProblem = Localizer["Quotas.PageOutOfRange", page, EmployerPage.Pages];
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }

            Employers = QuotaTables.Employers(EmployerPage, TableAudience);
        }

        return Page();
    }

    /// <summary>What a sort= value is called in the sort links.</summary>
    public string SortLabel(string sort) => sort switch
    {
        "name" => Localizer["Quotas.Sort.name"],
        "district" => Localizer["Quotas.Sort.district"],
        "fulfilment" => Localizer["Quotas.Sort.fulfilment"],
        _ => Localizer["Quotas.Sort.behind"],
    };

    /// <summary>This page with the filters kept and another sort order.</summary>
    public string SortLink(string sort) => FilterQuery.Link(Request, "/Quotas", ("sort", sort == "behind" ? null : sort), ("page", null));

    /// <summary>This page with the filters and sort kept, on another page of the employer list.</summary>
    public string PageLink(int page) => FilterQuery.Link(Request, "/Quotas", ("page", page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>This page listing every employer (true) or only those with unfilled places (false), from the first page.</summary>
    public string EmployersLink(bool all) => FilterQuery.Link(Request, "/Quotas", ("employers", all ? "all" : null), ("page", null));
}
