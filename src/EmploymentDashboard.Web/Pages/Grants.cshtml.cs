using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages;

/// <summary>
/// A grants table: the chart (of the counts) and the table of counts and amounts in tenge and MCI, with its
/// total row. Rendered by Pages/Shared/_GrantTable.cshtml.
/// </summary>
public sealed record GrantTableView(ChartTable Chart, PublishedGrantList Grants, IReadOnlyList<string> Labels);

/// <summary>
/// Business grants in the filtered period: count and amount (KZT, and MCI of each grant's year) by district,
/// by business sector and by month.
/// </summary>
public sealed class GrantsModel(DashboardDbContext db, DisclosurePolicy disclosure, IStringLocalizer<SharedResource> localizer)
    : FilteredPageModel(db, disclosure, localizer)
{
    public PublishedGrants? Grants { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await ResolveFiltersAsync(cancellationToken))
        {
            return Page();
        }

        var grants = await Db.GetGrantBreakdownsAsync(Filter, cancellationToken);
        Grants = IsPublic ? GrantPublishing.ForPublic(grants, Disclosure) : GrantPublishing.Exact(grants, Threshold);
        return Page();
    }

    public GrantTableView ByDistrict() => Table("grants-district", Localizer["Grants.ByDistrict.Title"], Localizer["Table.District"], Grants!.ByDistrict, "hbar", r => r.Label!.For(Culture));

    public GrantTableView BySector() => Table("grants-sector", Localizer["Grants.BySector.Title"], Localizer["Grants.Sector"], Grants!.BySector, "bar", r => SectorLabel(r.Code));

    public GrantTableView ByMonth() => Table("grants-month", Localizer["Grants.ByMonth.Title"], Localizer["Grants.Month"], Grants!.ByMonth, "bar", r => r.Label!.For(Culture));

    /// <summary>The localized name of a sector code ("agriculture" → Sector.Agriculture).</summary>
    public string SectorLabel(string code) => Enum.GetValues<BusinessSector>().FirstOrDefault(s => s.Code() == code) switch
    {
        BusinessSector.Agriculture => Localizer["Sector.Agriculture"],
        BusinessSector.Manufacturing => Localizer["Sector.Manufacturing"],
        BusinessSector.Crafts => Localizer["Sector.Crafts"],
        BusinessSector.Trade => Localizer["Sector.Trade"],
        BusinessSector.Services => Localizer["Sector.Services"],
        _ => Localizer["Sector.Food"],
    };

    private GrantTableView Table(string id, string title, string categoryHeader, PublishedGrantList list, string kind, Func<PublishedGrantRow, string> label)
    {
        var labels = list.Rows.Select(label).ToList();
        var top = list.Rows.Select((r, i) => (Row: r, Label: labels[i])).Where(x => x.Row.Count.Value is > 0).OrderByDescending(x => x.Row.Count.Value).FirstOrDefault();
        var summary = top.Row is not null && list.Total.Count.Value is { } total && total > 0
            ? Localizer["Grants.Summary", top.Label, top.Row.Count.Value!.Value.ToString("N0", Culture), total.ToString("N0", Culture)]
            : Localizer["Grants.NoGrants"];
        var chart = new ChartTable
        {
            Id = id,
            Title = title,
            Kind = kind,
            CategoryHeader = categoryHeader,
            Categories = [.. list.Rows.Select((r, i) => new ChartCategory(r.Code, labels[i]))],
            Series = [new ChartSeries("count", Localizer["Grants.Column.Count"], [.. list.Rows.Select(r => r.Count)], list.Total.Count)],
            TotalLabel = Localizer["Table.Total"],
            Summary = summary,
            Definition = null,
            Threshold = Threshold,
        };
        return new GrantTableView(chart, list, labels);
    }
}
