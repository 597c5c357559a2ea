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
    /// The indicator by district and for all districts, each a cell of its own: people, events and grants through
    /// the audience (the same cells, so the same values, as the district breakdowns and the grants page); quota
    /// places set as they are (an administrative obligation); the rate from the published people over the
    /// published population.
    /// </summary>
    private static (IReadOnlyList<StatCell> Districts, StatCell Total) Publish(DistrictMap map, TableAudience audience, string indicator)
    {
        var rows = map.Districts;
        switch (indicator)
        {
            case "events":
                return ([.. rows.Select(r => StatCell.Count(audience.Count(r.KeyedEvents)))], StatCell.Count(audience.Count(map.KeyedTotalEvents)));
            case "quota_places":
                return ([.. rows.Select(r => StatCell.Count(DisclosedValue.Shown(r.QuotaPlacesSet)))], StatCell.Count(DisclosedValue.Shown(rows.Sum(r => r.QuotaPlacesSet))));
            case "grants":
                return ([.. rows.Select(r => StatCell.Count(audience.Count(r.KeyedGrants)))], StatCell.Count(audience.Count(KeyedCount.Sum(rows.Select(r => r.KeyedGrants)))));
            case "per_1000":
                var population = rows.Sum(r => r.PeopleWithDisabilities);
                return (
                    [.. rows.Select(r => StatCell.Rate(audience.Rate(audience.Count(r.KeyedPeople), DisclosedValue.Shown(r.PeopleWithDisabilities), decimals: 1, per: 1000m)))],
                    StatCell.Rate(audience.Rate(audience.Count(map.KeyedTotalPeople), DisclosedValue.Shown(population), decimals: 1, per: 1000m)));
            default:
                return ([.. rows.Select(r => StatCell.Count(audience.Count(r.KeyedPeople)))], StatCell.Count(audience.Count(map.KeyedTotalPeople)));
        }
    }
}
