using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Statistics;

namespace EmploymentDashboard.Data.Tables;

/// <summary>A district of the map: where its centre is, for drawing; its figure is the map table's row of the same code.</summary>
public sealed record MapPlace(string Code, double Latitude, double Longitude);

/// <summary>The map's figures for one indicator as a table, and where each district is.</summary>
public sealed record DistrictMapView(StatTable Table, IReadOnlyList<MapPlace> Places, int? PopulationYear);

/// <summary>The map's table: one indicator by district, published as every district breakdown is.</summary>
public static class MapTables
{
    public const string MapId = "map-table";

    /// <summary>The indicators the map can show (the query's indicator=), the first the default.</summary>
    public static IReadOnlyList<string> Indicators { get; } = ["people_covered", "events", "per_1000", "quota_places", "grants"];

    public static string DefinitionOf(string indicator) => indicator switch
    {
        "quota_places" => "quota_places_set",
        "grants" => "grants_count",
        _ => indicator,
    };

    public static async Task<DistrictMapView> GetAsync(DashboardDbContext db, DashboardFilter filter, TableAudience audience, string indicator, CancellationToken cancellationToken)
    {
        if (!Indicators.Contains(indicator))
        {
            throw new ArgumentOutOfRangeException(nameof(indicator), indicator, "Not an indicator of the map.");
        }

        var map = await db.GetDistrictMapAsync(filter, cancellationToken);
        var (figures, total) = Publish(map, audience, indicator);
        var rows = map.Districts
            .Select((d, i) => new StatRow(d.District.Code, Label.Of(d.District.Name), [figures[i]]) { Link = "/Districts/" + d.District.Code })
            .Append(new StatRow("total", Label.Ui(filter.DistrictIds.Count == 0 ? "Table.RegionTotal" : "Table.Total"), [total]) { IsTotal = true })
            .ToList();
        var table = new StatTable
        {
            Id = MapId,
            Title = Label.Ui("Map.TableCaption", Label.Ui("Map.Indicator." + indicator), Label.Of(filter.Region.Name)),
            RowHeader = Label.Ui("Table.District"),
            RowCode = "district",
            RowAttribute = "district",
            Columns = [new StatColumn(indicator, Label.Ui("Map.Indicator." + indicator), UnitOf(indicator)) { Attribute = "indicator", Definition = DefinitionOf(indicator) }],
            Rows = rows,
            IsPublic = audience.IsPublic,
            Threshold = audience.Threshold,
            Definition = DefinitionOf(indicator),
        };
        return new DistrictMapView(table, [.. map.Districts.Select(d => new MapPlace(d.District.Code, d.Latitude, d.Longitude))], map.PopulationYear);
    }

    private static Unit UnitOf(string indicator) => indicator switch
    {
        "events" => Unit.Events,
        "per_1000" => Unit.PerThousand,
        "quota_places" => Unit.Places,
        "grants" => Unit.Grants,
        _ => Unit.People,
    };

    /// <summary>
    /// The indicator by district and for all districts. People and events are published as every district
    /// breakdown is (the same cells withheld); other counts as a list with its total; the rate from published figures only.
    /// </summary>
    private static (IReadOnlyList<StatCell> Districts, StatCell Total) Publish(DistrictMap map, TableAudience audience, string indicator)
    {
        var rows = map.Districts;
        var breakdown = audience.Publish(new Breakdown(
            Dimension.District,
            [.. rows.Select(r => new BreakdownRow(r.District.Code, r.District.Name, r.Events, r.PeopleCovered))],
            map.TotalEvents,
            map.TotalPeopleCovered));
        switch (indicator)
        {
            case "events":
                return ([.. breakdown.Rows.Select(r => StatCell.Count(r.Events))], StatCell.Count(breakdown.TotalEvents));
            case "quota_places":
                return CountList(rows.Select(r => r.QuotaPlacesSet), audience);
            case "grants":
                return CountList(rows.Select(r => r.Grants), audience);
            case "per_1000":
                var population = rows.Sum(r => r.PeopleWithDisabilities);
                return (
                    [.. rows.Select((r, i) => StatCell.Rate(audience.Rate(breakdown.Rows[i].People, audience.Count(r.PeopleWithDisabilities), r.PeopleCovered, r.PeopleWithDisabilities, decimals: 1, per: 1000m)))],
                    StatCell.Rate(audience.Rate(breakdown.TotalPeople, audience.Count(population), map.TotalPeopleCovered, population, decimals: 1, per: 1000m)));
            default:
                return ([.. breakdown.Rows.Select(r => StatCell.Count(r.People))], StatCell.Count(breakdown.TotalPeople));
        }
    }

    private static (IReadOnlyList<StatCell> Districts, StatCell Total) CountList(IEnumerable<long> values, TableAudience audience)
    {
        var list = values.ToList();
        if (!audience.IsPublic)
        {
            return ([.. list.Select(v => StatCell.Count(DisclosedValue.Shown(v)))], StatCell.Count(DisclosedValue.Shown(list.Sum())));
        }

        var cells = new long[list.Count, 1];
        for (var i = 0; i < list.Count; i++)
        {
            cells[i, 0] = list[i];
        }

        var table = audience.Policy.Protect(cells, rowTotals: false, columnTotals: true);
        return ([.. list.Select((_, i) => StatCell.Count(table.Cell(i, 0)))], StatCell.Count(table.ColumnTotal(0)));
    }
}
