using System.Globalization;
using System.Text.Json;
using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages;

/// <summary>
/// Employer job quotas for the filtered period's years: places set, filled and fulfilment by district and
/// year, special workplaces by impairment, pending applications; and, for staff only, the employer list
/// (query string sort=behind|name|district|fulfilment).
/// </summary>
public sealed class QuotasModel(DashboardDbContext db, DisclosurePolicy disclosure, IStringLocalizer<SharedResource> localizer)
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

    /// <summary>The employer list; null for the public, who never see it.</summary>
    public IReadOnlyList<EmployerQuotaRow>? Employers { get; private set; }

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

        var report = await Db.GetQuotaReportAsync(Filter, cancellationToken);
        Quotas = IsPublic ? QuotaPublishing.ForPublic(report, Disclosure) : QuotaPublishing.Exact(report, Threshold);
        if (!IsPublic)
        {
            Employers = await Db.GetEmployerQuotasAsync(Filter, SortOrders[Sort], cancellationToken);
        }

        return Page();
    }

    /// <summary>
    /// The chart of places set and filled by district: one series per year and measure, the same numbers
    /// as the table's cells of those columns; a withheld value is null and flagged.
    /// </summary>
    public string ChartJson()
    {
        if (Quotas is null)
        {
            return "{}";
        }

        var datasets = Quotas.Years.SelectMany((year, y) => new[]
        {
            new
            {
                code = $"set-{year}",
                label = Localizer["Quotas.Series.Set", year].Value,
                data = Quotas.Districts.Select(d => d.Years[y].PlacesSet.Value).ToList(),
                suppressed = Quotas.Districts.Select(d => d.Years[y].PlacesSet.IsSuppressed).ToList(),
            },
            new
            {
                code = $"filled-{year}",
                label = Localizer["Quotas.Series.Filled", year].Value,
                data = Quotas.Districts.Select(d => d.Years[y].PlacesFilled.Value).ToList(),
                suppressed = Quotas.Districts.Select(d => d.Years[y].PlacesFilled.IsSuppressed).ToList(),
            },
        });
        return JsonSerializer.Serialize(new
        {
            kind = "hbar",
            stacked = false,
            labels = Quotas.Districts.Select(d => d.District.Name.For(Culture)),
            categories = Quotas.Districts.Select(d => d.District.Code),
            datasets,
        });
    }

    /// <summary>One sentence on the latest year: the region's fulfilment, from shown values only.</summary>
    public string ChartSummary()
    {
        if (Quotas is null || Quotas.Years.Count == 0)
        {
            return string.Empty;
        }

        var last = Quotas.Region[^1];
        var year = Quotas.Years[^1];
        return last.PlacesSet.Value is { } set && last.PlacesFilled.Value is { } filled && last.FulfilmentPercent.Value is not null
            ? Localizer["Quotas.Chart.Summary", year, filled.ToString("N0", Culture), set.ToString("N0", Culture), last.FulfilmentPercent.Display(Culture)]
            : Localizer["Quotas.Chart.NoSummary", year];
    }

    /// <summary>Special workplaces by impairment, one series per year, with the region total.</summary>
    public ChartTable WorkplacesChart()
    {
        var quotas = Quotas!;
        var largest = quotas.SpecialWorkplaces
            .Select(w => (w.ImpairmentType, Value: w.Years.Sum(v => v.Value ?? 0)))
            .OrderByDescending(w => w.Value)
            .FirstOrDefault();
        return new ChartTable
        {
            Id = "special-workplaces",
            Title = Localizer["Quotas.Workplaces.Title"],
            Kind = "bar",
            CategoryHeader = Localizer["Quotas.Workplaces.Impairment"],
            Categories = [.. quotas.SpecialWorkplaces.Select(w => new ChartCategory(w.ImpairmentType.ToString().ToLowerInvariant(), ImpairmentLabel(w.ImpairmentType)))],
            Series = [.. quotas.Years.Select((year, y) => new ChartSeries(year.ToString(CultureInfo.InvariantCulture), year.ToString(CultureInfo.InvariantCulture), [.. quotas.SpecialWorkplaces.Select(w => w.Years[y])], quotas.SpecialWorkplaceTotals[y]))],
            TotalLabel = Localizer["Table.Total"],
            Summary = largest.Value > 0
                ? Localizer["Quotas.Workplaces.Summary", ImpairmentLabel(largest.ImpairmentType)]
                : Localizer["Quotas.Workplaces.None"],
            Definition = null,
            Threshold = Threshold,
        };
    }

    public string ImpairmentLabel(ImpairmentType type) => type switch
    {
        ImpairmentType.Hearing => Localizer["Quotas.Impairment.Hearing"],
        ImpairmentType.Vision => Localizer["Quotas.Impairment.Vision"],
        _ => Localizer["Quotas.Impairment.Mobility"],
    };

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
