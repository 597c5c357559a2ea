using System.Globalization;
using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Statistics;

namespace EmploymentDashboard.Data.Tables;

/// <summary>People with disabilities, of working age, employed, and the employment rate, as published for an audience.</summary>
public sealed record ContextFigures(DisclosedValue PeopleWithDisabilities, DisclosedValue WorkingAge, DisclosedValue Employed, DisclosedRate EmploymentRatePercent);

/// <summary>The employment context tables: by district and year, and the latest year's counts as a chart.</summary>
public static class ContextTables
{
    public const string ContextId = "context-table";

    public const string PopulationId = "population-table";

    /// <summary>Both tables, from one query; an empty list when no year of the period has population figures.</summary>
    public static async Task<IReadOnlyList<StatTable>> GetAsync(DashboardDbContext db, DashboardFilter filter, TableAudience audience, CancellationToken cancellationToken)
    {
        var population = await db.GetPopulationByDistrictAsync(filter, cancellationToken);
        if (population.Years.Count == 0)
        {
            return [];
        }

        var byYear = population.Years.Select((_, y) => PublishYear(population, y, audience)).ToList();
        var regionTotal = filter.DistrictIds.Count == 0;
        return [Context(population, byYear, audience, regionTotal), Population(population, byYear, audience, regionTotal)];
    }

    private static string Y(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static StatTable Context(PopulationByDistrict population, List<(IReadOnlyList<ContextFigures> Rows, ContextFigures Total)> byYear, TableAudience audience, bool regionTotal)
    {
        var years = population.Years;
        var columns = years.SelectMany(year => new[]
        {
            new StatColumn("people_with_disabilities", Label.Ui("Context.Column.People"), Unit.People) { Group = Label.Text(Y(year)), GroupCode = Y(year), Definition = "people_with_disabilities" },
            new StatColumn("working_age", Label.Ui("Context.Column.WorkingAge"), Unit.People) { Group = Label.Text(Y(year)), GroupCode = Y(year), Definition = "working_age" },
            new StatColumn("employed", Label.Ui("Context.Column.Employed"), Unit.People) { Group = Label.Text(Y(year)), GroupCode = Y(year), Definition = "employed" },
            new StatColumn("employment_rate_percent", Label.Ui("Context.Column.Rate"), Unit.Percent) { Group = Label.Text(Y(year)), GroupCode = Y(year), Definition = "employment_rate" },
        }).ToList();
        static IEnumerable<StatCell> Cells(ContextFigures f) => [StatCell.Count(f.PeopleWithDisabilities), StatCell.Count(f.WorkingAge), StatCell.Count(f.Employed), StatCell.Rate(f.EmploymentRatePercent)];
        return new StatTable
        {
            Id = ContextId,
            Title = Label.Ui("Context.Table.Caption", Y(years[0]), Y(years[^1])),
            RowHeader = Label.Ui("Table.District"),
            RowCode = "district",
            RowAttribute = "district",
            Columns = columns,
            Rows =
            [
                .. population.Districts.Select((d, i) => new StatRow(d.District.Code, Label.Of(d.District.Name), [.. byYear.SelectMany(year => Cells(year.Rows[i]))]) { Link = "/Districts/" + d.District.Code }),
                new StatRow("total", Label.Ui(regionTotal ? "Table.RegionTotal" : "Table.Total"), [.. byYear.SelectMany(year => Cells(year.Total))]) { IsTotal = true },
            ],
            IsPublic = audience.IsPublic,
            Threshold = audience.Threshold,
            Definition = "employment_rate",
        };
    }

    private static StatTable Population(PopulationByDistrict population, List<(IReadOnlyList<ContextFigures> Rows, ContextFigures Total)> byYear, TableAudience audience, bool regionTotal)
    {
        var last = byYear[^1];
        var rows = population.Districts
            .Select((d, i) => new StatRow(d.District.Code, Label.Of(d.District.Name), [StatCell.Count(last.Rows[i].PeopleWithDisabilities), StatCell.Count(last.Rows[i].WorkingAge), StatCell.Count(last.Rows[i].Employed)]))
            .Append(new StatRow("total", Label.Ui(regionTotal ? "Table.RegionTotal" : "Table.Total"), [StatCell.Count(last.Total.PeopleWithDisabilities), StatCell.Count(last.Total.WorkingAge), StatCell.Count(last.Total.Employed)]) { IsTotal = true })
            .ToList();
        return new StatTable
        {
            Id = PopulationId,
            Title = Label.Ui("Context.Chart.Title", Y(population.Years[^1])),
            RowHeader = Label.Ui("Table.District"),
            RowCode = "district",
            Columns =
            [
                new StatColumn("people_with_disabilities", Label.Ui("Indicator.PeopleWithDisabilities"), Unit.People) { Attribute = "series", Definition = "people_with_disabilities" },
                new StatColumn("working_age", Label.Ui("Indicator.WorkingAge"), Unit.People) { Attribute = "series", Definition = "working_age" },
                new StatColumn("employed", Label.Ui("Indicator.Employed"), Unit.People) { Attribute = "series", Definition = "employed" },
            ],
            Rows = rows,
            IsPublic = audience.IsPublic,
            Threshold = audience.Threshold,
            Chart = new ChartSpec(ChartKind.HorizontalBar, ["people_with_disabilities", "working_age", "employed"]),
            Summary = TableSummaries.Largest(rows, 0, "Context.Chart.Summary", "Context.NoData"),
            Definition = "people_with_disabilities",
        };
    }

    /// <summary>
    /// One year's district × (people, working age, employed) table. These are the statistics office's published
    /// population figures, not counts of the dashboard's own records (there are no record keys behind them), so
    /// every audience sees them as published (ADR 0010); the rate is computed from them.
    /// </summary>
    private static (IReadOnlyList<ContextFigures> Rows, ContextFigures Total) PublishYear(PopulationByDistrict population, int year, TableAudience audience)
    {
        ContextFigures Figures(PopulationFigures figures)
        {
            var workingAge = DisclosedValue.Shown(figures.WorkingAge);
            var employed = DisclosedValue.Shown(figures.Employed);
            return new(DisclosedValue.Shown(figures.PeopleWithDisabilities), workingAge, employed, audience.Rate(employed, workingAge));
        }

        return ([.. population.Districts.Select(d => Figures(d.ByYear[year]))], Figures(population.Totals[year]));
    }
}
