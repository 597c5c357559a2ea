using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Tables;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages;

/// <summary>A district's marker: its centre and radius in the SVG's units, and its figure.</summary>
public sealed record MapMarker(string Code, string Label, double X, double Y, double Radius, StatCell Figure);

/// <summary>
/// The map at /Map: each district a circle at its approximate centre, its area proportional to the chosen
/// indicator, drawn server-side as SVG (no boundary shapes: none are available), with the same numbers as a
/// table. A withheld figure is a hollow marker of fixed size labelled with the withheld text. Public.
/// </summary>
public sealed class MapModel(DashboardReadDbContext db, DisclosurePolicy disclosure, IStringLocalizer<SharedResource> localizer)
    : FilteredPageModel(db, disclosure, localizer)
{
    /// <summary>The indicators the map can show (the query's indicator=), the first the default.</summary>
    public static IReadOnlyList<string> Indicators => MapTables.Indicators;

    public const double MaxRadius = 42;

    public const double WithheldRadius = 7;

    public const double ZeroRadius = 2;

    private const double DrawingSize = 560;

    private const double Padding = MaxRadius + 12;

    /// <summary>Room on the right for the labels of the easternmost districts.</summary>
    private const double LabelRoom = 170;

    public string Indicator { get; private set; } = Indicators[0];

    /// <summary>Why the indicator asked for cannot be shown (answered 400).</summary>
    public string? IndicatorProblem { get; private set; }

    public IReadOnlyList<MapMarker> Markers { get; private set; } = [];

    /// <summary>The indicator by district with the total: what the map draws and the table beside it shows.</summary>
    public StatTable? Table { get; private set; }

    /// <summary>The table's districts from the highest figure down (withheld last): the ranked list a phone shows instead of the map.</summary>
    public IReadOnlyList<StatRow> Ranked => Table is null ? [] : [.. Table.BodyRows.OrderBy(r => r.Cells[0].Value is null ? 1 : 0).ThenByDescending(r => r.Cells[0].Value)];

    public int? PopulationYear { get; private set; }

    public double Width { get; private set; }

    public double Height { get; private set; }

    /// <summary>The Definitions anchor of the indicator shown.</summary>
    public string Definition => MapTables.DefinitionOf(Indicator);

    public async Task<IActionResult> OnGetAsync(string? indicator, CancellationToken cancellationToken)
    {
        if (!await ResolveFiltersAsync(cancellationToken))
        {
            return Page();
        }

        if (!string.IsNullOrWhiteSpace(indicator))
        {
            if (!Indicators.Contains(indicator.Trim()))
            {
                IndicatorProblem = Localizer["Map.UnknownIndicator", indicator, string.Join(", ", Indicators)];
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }

            Indicator = indicator.Trim();
        }

        var map = await MapTables.GetAsync(Db, Filter, TableAudience, Indicator, cancellationToken);
        PopulationYear = map.PopulationYear;
        Table = map.Table;
        Markers = PlaceMarkers(map);
        return Page();
    }

    /// <summary>Localized name of an indicator code.</summary>
    public string IndicatorName(string code) => Localizer["Map.Indicator." + code];

    /// <summary>
    /// Equirectangular projection scaled to the districts' bounding box: longitude shrunk by the cosine of the
    /// middle latitude, so distances look right at this latitude. A circle's area is proportional to its value.
    /// </summary>
    private List<MapMarker> PlaceMarkers(DistrictMapView map)
    {
        var districts = map.Places;
        var figures = map.Table.BodyRows.Select(r => r.Cells[0]).ToList();
        var labels = map.Table.BodyRows.Select(r => Localizer.Text(r.Header)).ToList();
        if (districts.Count == 0)
        {
            Width = (2 * Padding) + LabelRoom;
            Height = 2 * Padding;
            return [];
        }

        var minLat = districts.Min(d => d.Latitude);
        var maxLat = districts.Max(d => d.Latitude);
        var minLon = districts.Min(d => d.Longitude);
        var maxLon = districts.Max(d => d.Longitude);
        var shrink = Math.Cos((minLat + maxLat) / 2 * Math.PI / 180);
        var spanX = (maxLon - minLon) * shrink;
        var spanY = maxLat - minLat;
        var scale = Math.Max(spanX, spanY) > 0 ? DrawingSize / Math.Max(spanX, spanY) : 1;
        Width = (spanX * scale) + (2 * Padding) + LabelRoom;
        Height = (spanY * scale) + (2 * Padding);

        var largest = figures.Where(f => !f.IsWithheld).Select(f => f.Value ?? 0).DefaultIfEmpty(0).Max();
        double RadiusOf(StatCell figure) => figure.Value switch
        {
            null => WithheldRadius,
            0 => ZeroRadius,
            { } value => MaxRadius * Math.Sqrt((double)(value / largest)),
        };

        return [.. districts.Select((d, i) => new MapMarker(
            d.Code,
            labels[i],
            Padding + ((d.Longitude - minLon) * shrink * scale),
            Padding + ((maxLat - d.Latitude) * scale),
            RadiusOf(figures[i]),
            figures[i]))];
    }
}
