using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages;

/// <summary>People with disabilities, of working age, employed, and the employment rate, as published for an audience.</summary>
public sealed record ContextFigures(DisclosedValue PeopleWithDisabilities, DisclosedValue WorkingAge, DisclosedValue Employed, DisclosedRate EmploymentRatePercent);

/// <summary>One district's context figures, one per year of the page.</summary>
public sealed record ContextRow(DistrictLabel District, IReadOnlyList<ContextFigures> ByYear);

/// <summary>
/// The employment context at /Context: people with disabilities, of working age and employed, and the
/// employment rate, by district and year, with the total of the districts shown. Public; uses the
/// filter's period (every year it touches) and districts.
/// </summary>
public sealed class ContextModel(DashboardDbContext db, DisclosurePolicy disclosure, IStringLocalizer<SharedResource> localizer)
    : FilteredPageModel(db, disclosure, localizer)
{
    public IReadOnlyList<int> Years { get; private set; } = [];

    public IReadOnlyList<ContextRow> Rows { get; private set; } = [];

    /// <summary>Per year: the total of the districts shown (the region when none is selected).</summary>
    public IReadOnlyList<ContextFigures> Totals { get; private set; } = [];

    /// <summary>The latest year's counts by district as a chart and its table; null without figures.</summary>
    public ChartTable? Chart { get; private set; }

    public bool HasSuppressedValues => Totals.Concat(Rows.SelectMany(r => r.ByYear))
        .Any(f => f.PeopleWithDisabilities.IsSuppressed || f.WorkingAge.IsSuppressed || f.Employed.IsSuppressed || f.EmploymentRatePercent.IsSuppressed);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await ResolveFiltersAsync(cancellationToken))
        {
            return Page();
        }

        var population = await Db.GetPopulationByDistrictAsync(Filter, cancellationToken);
        Years = population.Years;
        var byYear = population.Years.Select((_, y) => PublishYear(population, y)).ToList();
        Rows = [.. population.Districts.Select((d, i) => new ContextRow(d.District, [.. byYear.Select(year => year.Rows[i])]))];
        Totals = [.. byYear.Select(year => year.Total)];
        if (Years.Count > 0)
        {
            Chart = BuildChart(Years.Count - 1);
        }

        return Page();
    }

    /// <summary>
    /// One year's district × (people, working age, employed) table: for the public each column is protected
    /// as a list with its total, so a withheld district cannot be recovered from the total.
    /// </summary>
    private (IReadOnlyList<ContextFigures> Rows, ContextFigures Total) PublishYear(PopulationByDistrict population, int year)
    {
        var districts = population.Districts;
        var cells = new long[districts.Count, 3];
        for (var d = 0; d < districts.Count; d++)
        {
            var figures = districts[d].ByYear[year];
            cells[d, 0] = figures.PeopleWithDisabilities;
            cells[d, 1] = figures.WorkingAge;
            cells[d, 2] = figures.Employed;
        }

        var total = population.Totals[year];
        if (!IsPublic)
        {
            return ([.. districts.Select(d => Exact(d.ByYear[year]))], Exact(total));
        }

        var table = Disclosure.Protect(cells, rowTotals: false, columnTotals: true);
        ContextFigures Public(DisclosedValue people, DisclosedValue workingAge, DisclosedValue employed) =>
            new(people, workingAge, employed, Disclosure.Rate(employed, workingAge));
        return (
            [.. districts.Select((_, d) => Public(table.Cell(d, 0), table.Cell(d, 1), table.Cell(d, 2)))],
            Public(table.ColumnTotal(0), table.ColumnTotal(1), table.ColumnTotal(2)));
    }

    private static ContextFigures Exact(PopulationFigures figures) => new(
        DisclosedValue.Shown(figures.PeopleWithDisabilities),
        DisclosedValue.Shown(figures.WorkingAge),
        DisclosedValue.Shown(figures.Employed),
        ExactRate.Of(figures.Employed, figures.WorkingAge));

    private ChartTable BuildChart(int year)
    {
        var total = Totals[year];
        var largest = Rows.Where(r => r.ByYear[year].PeopleWithDisabilities.Value is not null)
            .OrderByDescending(r => r.ByYear[year].PeopleWithDisabilities.Value)
            .FirstOrDefault();
        var summary = largest is not null && total.PeopleWithDisabilities.Value is { } all && all > 0
            ? Localizer["Context.Chart.Summary", largest.District.Name.For(Culture), largest.ByYear[year].PeopleWithDisabilities.Value!.Value.ToString("N0", Culture), all.ToString("N0", Culture)]
            : Localizer["Context.NoData"];
        return new ChartTable
        {
            Id = "population",
            Title = Localizer["Context.Chart.Title", Years[year]],
            Kind = "hbar",
            CategoryHeader = Localizer["Table.District"],
            Categories = [.. Rows.Select(r => new ChartCategory(r.District.Code, r.District.Name.For(Culture)))],
            Series =
            [
                new ChartSeries("people_with_disabilities", Localizer["Indicator.PeopleWithDisabilities"], [.. Rows.Select(r => r.ByYear[year].PeopleWithDisabilities)], total.PeopleWithDisabilities),
                new ChartSeries("working_age", Localizer["Indicator.WorkingAge"], [.. Rows.Select(r => r.ByYear[year].WorkingAge)], total.WorkingAge),
                new ChartSeries("employed", Localizer["Indicator.Employed"], [.. Rows.Select(r => r.ByYear[year].Employed)], total.Employed),
            ],
            TotalLabel = Filter.DistrictIds.Count == 0 ? Localizer["Table.RegionTotal"] : Localizer["Table.Total"],
            Summary = summary,
            Definition = "people_with_disabilities",
            Threshold = Threshold,
        };
    }
}
