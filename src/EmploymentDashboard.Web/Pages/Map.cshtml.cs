using System.Globalization;
using EmploymentDashboard.Data;
using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Statistics;
using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Pages;

/// <summary>A figure of the map: a count or a rate, as published for the audience.</summary>
public sealed record MapFigure(DisclosedValue? Count, DisclosedRate? Rate)
{
    public decimal? Value => Count is { } count ? count.Value : Rate?.Value;

    public bool IsSuppressed => Count?.IsSuppressed ?? Rate!.Value.IsSuppressed;

    /// <summary>The figure's text, or the withheld text ("&lt;k" or "c").</summary>
    public string Display(CultureInfo culture, int threshold) => Count is { } count ? count.Display(culture, threshold) : Rate!.Value.Display(culture);

    public HtmlString Attributes => Count is { } count ? FigureAttributes.For(count) : FigureAttributes.For(Rate!.Value);
}

/// <summary>A district's marker: its centre and radius in the SVG's units, and its figure.</summary>
public sealed record MapMarker(string Code, string Label, double X, double Y, double Radius, MapFigure Figure);

/// <summary>
/// The map at /Map: each district a circle at its approximate centre, its area proportional to the chosen
/// indicator, drawn server-side as SVG (no boundary shapes: none are available), with the same numbers as a
/// table. A withheld figure is a hollow marker of fixed size labelled with the withheld text. Public.
/// </summary>
public sealed class MapModel(DashboardDbContext db, DisclosurePolicy disclosure, IStringLocalizer<SharedResource> localizer)
    : FilteredPageModel(db, disclosure, localizer)
{
    /// <summary>The indicators the map can show (the query's indicator=), the first the default.</summary>
    public static readonly IReadOnlyList<string> Indicators = ["people_covered", "events", "per_1000", "quota_places", "grants"];

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

    public MapFigure? Total { get; private set; }

    public int? PopulationYear { get; private set; }

    public double Width { get; private set; }

    public double Height { get; private set; }

    /// <summary>The Definitions anchor of the indicator shown.</summary>
    public string Definition => Indicator switch
    {
        "quota_places" => "quota_places_set",
        "grants" => "grants_count",
        _ => Indicator,
    };

    public bool HasSuppressedValues => Markers.Any(m => m.Figure.IsSuppressed) || Total is { IsSuppressed: true };

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

        var map = await Db.GetDistrictMapAsync(Filter, cancellationToken);
        PopulationYear = map.PopulationYear;
        var (figures, total) = Publish(map);
        Total = total;
        Markers = PlaceMarkers(map.Districts, figures);
        return Page();
    }

    /// <summary>Localized name of an indicator code.</summary>
    public string IndicatorName(string code) => Localizer["Map.Indicator." + code];

    /// <summary>
    /// The chosen indicator by district and for all districts. People and events are published as every
    /// district breakdown is (the same cells withheld); other counts as a list with its total; the rate
    /// from published figures only.
    /// </summary>
    private (IReadOnlyList<MapFigure> Districts, MapFigure Total) Publish(DistrictMap map)
    {
        var rows = map.Districts;
        var breakdown = Publish(new Breakdown(
            Dimension.District,
            [.. rows.Select(r => new BreakdownRow(r.District.Code, r.District.Name, r.Events, r.PeopleCovered))],
            map.TotalEvents,
            map.TotalPeopleCovered));
        switch (Indicator)
        {
            case "events":
                return ([.. breakdown.Rows.Select(r => new MapFigure(r.Events, null))], new MapFigure(breakdown.TotalEvents, null));
            case "quota_places":
                return CountList(rows.Select(r => r.QuotaPlacesSet));
            case "grants":
                return CountList(rows.Select(r => r.Grants));
            case "per_1000":
                var population = rows.Sum(r => r.PeopleWithDisabilities);
                return (
                    [.. rows.Select((r, i) => new MapFigure(null, PerThousand(breakdown.Rows[i].People, r.PeopleCovered, r.PeopleWithDisabilities)))],
                    new MapFigure(null, PerThousand(breakdown.TotalPeople, map.TotalPeopleCovered, population)));
            default:
                return ([.. breakdown.Rows.Select(r => new MapFigure(r.People, null))], new MapFigure(breakdown.TotalPeople, null));
        }
    }

    private (IReadOnlyList<MapFigure> Districts, MapFigure Total) CountList(IEnumerable<long> values)
    {
        var list = values.ToList();
        if (!IsPublic)
        {
            return ([.. list.Select(v => new MapFigure(DisclosedValue.Shown(v), null))], new MapFigure(DisclosedValue.Shown(list.Sum()), null));
        }

        var cells = new long[list.Count, 1];
        for (var i = 0; i < list.Count; i++)
        {
            cells[i, 0] = list[i];
        }

        var table = Disclosure.Protect(cells, rowTotals: false, columnTotals: true);
        return ([.. list.Select((_, i) => new MapFigure(table.Cell(i, 0), null))], new MapFigure(table.ColumnTotal(0), null));
    }

    /// <summary>People covered per 1,000 people with disabilities: from the published people for the public, exact for staff.</summary>
    private DisclosedRate PerThousand(DisclosedValue publishedPeople, long people, long population) => IsPublic
        ? Disclosure.Rate(publishedPeople, Disclosure.Count(population), decimals: 1, per: 1000m)
        : ExactRate.Of(people, population, decimals: 1, per: 1000m);

    /// <summary>
    /// Equirectangular projection scaled to the districts' bounding box: longitude shrunk by the cosine of the
    /// middle latitude, so distances look right at this latitude. A circle's area is proportional to its value.
    /// </summary>
    private List<MapMarker> PlaceMarkers(IReadOnlyList<DistrictMapRow> districts, IReadOnlyList<MapFigure> figures)
    {
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

        var largest = figures.Where(f => !f.IsSuppressed).Select(f => f.Value ?? 0).DefaultIfEmpty(0).Max();
        double RadiusOf(MapFigure figure) => figure.Value switch
        {
            null => WithheldRadius,
            0 => ZeroRadius,
            { } value => MaxRadius * Math.Sqrt((double)(value / largest)),
        };

        return [.. districts.Select((d, i) => new MapMarker(
            d.District.Code,
            d.District.Name.For(Culture),
            Padding + ((d.Longitude - minLon) * shrink * scale),
            Padding + ((maxLat - d.Latitude) * scale),
            RadiusOf(figures[i]),
            figures[i]))];
    }
}
