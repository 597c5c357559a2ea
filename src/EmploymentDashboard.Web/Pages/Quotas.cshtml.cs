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
/// (query string sort=behind|name|district|fulfilment).
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

    public PublishedQuotas? Quotas { get; private set; }

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

        Quotas = await QuotaTables.GetQuotasAsync(Db, Filter, TableAudience, cancellationToken);
        QuotaTable = new ChartTable(QuotaTables.Quota(Quotas, TableAudience, Filter.DistrictIds.Count == 0), HeadingLevel: 2);
        Workplaces = new ChartTable(QuotaTables.Workplaces(Quotas, TableAudience));
        Pending = Quotas.Pending.Count == 0 ? null : QuotaTables.Pending(Quotas, TableAudience);
        if (!IsPublic)
        {
            Employers = QuotaTables.Employers(await Db.GetEmployerQuotasAsync(Filter, SortOrders[Sort], cancellationToken), TableAudience);
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
    public string SortLink(string sort) => FilterQuery.Link(Request, "/Quotas", ("sort", sort == "behind" ? null : sort));
}
