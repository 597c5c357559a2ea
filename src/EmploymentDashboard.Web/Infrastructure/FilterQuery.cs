using System.Globalization;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>A selectable option of the filter form.</summary>
public sealed record FilterOption(string Code, LocalizedName Label);

/// <summary>
/// The filter state of a dashboard, read from the query string so that every view is a shareable link:
/// region, year or from/to months (yyyy-MM), and repeated district, measure, group, sex and age values.
/// Anything unknown or inconsistent is a <see cref="Problem"/> (answered 400), never an exception.
/// </summary>
public sealed class FilterQuery
{
    public const int MaxYearsInPeriod = 10;

    public DashboardFilter? Filter { get; private init; }

    public string? Problem { get; private init; }

    public IReadOnlyList<RegionSummary> Regions { get; private init; } = [];

    public IReadOnlyList<int> Years { get; private init; } = [];

    public IReadOnlyList<FilterOption> Districts { get; private init; } = [];

    public IReadOnlyList<FilterOption> Measures { get; private init; } = [];

    /// <summary>The codes selected, by query key, to re-render the form and build links.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Selected { get; private init; } = new Dictionary<string, IReadOnlyList<string>>();

    public bool IsSelected(string key, string code) => Selected.TryGetValue(key, out var codes) && codes.Contains(code);

    /// <summary>True when the period is exactly one calendar year.</summary>
    public bool IsWholeYear => Filter is { } f && f.Period.From == new DateOnly(f.Period.From.Year, 1, 1) && f.Period.To == new DateOnly(f.Period.From.Year, 12, 31);

    /// <summary>
    /// Resolves the query string. For the public (<paramref name="isPublic"/>) it also enforces what the public may
    /// combine (ADR 0010): one district or all, one measure or all, whole quarters, and at most two of group, sex
    /// and age band with one value each. Staff keep every filter.
    /// </summary>
    public static FilterQuery Resolve(ReferenceData reference, FilterRequest request, IStringLocalizer localizer, bool isPublic = false)
    {
        var dataset = reference.Dataset;
        var regions = reference.Regions.Select(r => r.Region).ToList();
        var selected = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var key in new[] { "region", "year", "from", "to", "district", "measure", "group", "sex", "age" })
        {
            selected[key] = request.Values(key);
        }

        FilterQuery Fail(string problem) => new() { Problem = problem, Regions = regions, Selected = selected };

        if (regions.Count == 0)
        {
            return new FilterQuery { Regions = regions, Selected = selected };
        }

        var regionCode = selected["region"].FirstOrDefault();
        var region = regionCode is null ? regions[0] : regions.FirstOrDefault(r => r.Code == regionCode);
        if (region is null)
        {
            return Fail(localizer["Filter.UnknownRegion", regionCode!]);
        }

        var regionReference = reference.Regions.Single(r => r.Region.Id == region.Id);
        var years = regionReference.Years;
        var districts = regionReference.Districts;
        var measures = reference.Measures;
        var result = new FilterQuery
        {
            Regions = regions,
            Years = years,
            Districts = [.. districts.Select(d => new FilterOption(d.Code, d.Name))],
            Measures = [.. measures.Select(m => new FilterOption(m.Code, m.Name))],
            Selected = selected,
        };
        FilterQuery Problem(string problem) => new()
        {
            Problem = problem,
            Regions = regions,
            Years = years,
            Districts = result.Districts,
            Measures = result.Measures,
            Selected = selected,
        };

        if (years.Count == 0)
        {
            return result;
        }

        // Period: from/to months win over year; a missing end is the end of the other's year.
        ReportingPeriod period;
        var from = selected["from"].FirstOrDefault();
        var to = selected["to"].FirstOrDefault();
        var yearText = selected["year"].FirstOrDefault();
        if (from is not null || to is not null)
        {
            if ((from is not null && !TryMonth(from, out _)) || (to is not null && !TryMonth(to, out _)))
            {
                return Problem(localizer["Filter.BadMonth"]);
            }

            TryMonth(from ?? $"{MonthOf(to!).Year:D4}-01", out var fromMonth);
            TryMonth(to ?? $"{fromMonth.Year:D4}-12", out var toMonth);
            if (fromMonth > toMonth)
            {
                return Problem(localizer["Filter.FromAfterTo", from ?? string.Empty, to ?? string.Empty]);
            }

            if (fromMonth.Year < years.Min() || toMonth.Year > years.Max() || toMonth.Year - fromMonth.Year >= MaxYearsInPeriod)
            {
                return Problem(localizer["Filter.PeriodOutOfRange", years.Min(), years.Max()]);
            }

            period = new ReportingPeriod(fromMonth, toMonth.AddMonths(1).AddDays(-1));
        }
        else if (yearText is not null)
        {
            if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || !years.Contains(year))
            {
                return Problem(localizer["Filter.UnknownYear", yearText, string.Join(", ", years)]);
            }

            period = ReportingPeriod.ForYear(year);
        }
        else
        {
            period = ReportingPeriod.ForYear(dataset.ReportingYear is { } reporting && years.Contains(reporting) ? reporting : years[0]);
        }

        if (isPublic && PublicProblem(selected, period, localizer) is { } publicProblem)
        {
            return Problem(publicProblem);
        }

        var districtIds = new List<int>();
        foreach (var code in selected["district"])
        {
            var district = districts.FirstOrDefault(d => d.Code == code);
            if (district is null)
            {
                return Problem(localizer["Filter.UnknownDistrict", code]);
            }

            districtIds.Add(district.Id);
        }

        var measureIds = new List<int>();
        foreach (var code in selected["measure"])
        {
            var measure = measures.FirstOrDefault(m => m.Code == code);
            if (measure is null)
            {
                return Problem(localizer["Filter.UnknownMeasure", code]);
            }

            measureIds.Add(measure.Id);
        }

        var groups = new List<DisabilityGroup>();
        foreach (var code in selected["group"])
        {
            if (code is not ("1" or "2" or "3"))
            {
                return Problem(localizer["Filter.UnknownGroup", code]);
            }

            groups.Add((DisabilityGroup)int.Parse(code, CultureInfo.InvariantCulture));
        }

        var sexes = new List<Sex>();
        foreach (var code in selected["sex"])
        {
            if (!Enum.GetValues<Sex>().Any(s => s.ToString().Equals(code, StringComparison.OrdinalIgnoreCase) && code.All(char.IsAsciiLetterLower)))
            {
                return Problem(localizer["Filter.UnknownSex", code]);
            }

            sexes.Add(Enum.Parse<Sex>(code, ignoreCase: true));
        }

        var ages = new List<AgeBand>();
        foreach (var code in selected["age"])
        {
            var band = Ages.All.Where(b => Ages.Code(b) == code).Select(b => (AgeBand?)b).FirstOrDefault();
            if (band is null)
            {
                return Problem(localizer["Filter.UnknownAge", code, string.Join(", ", Ages.All.Select(Ages.Code))]);
            }

            ages.Add(band.Value);
        }

        return new FilterQuery
        {
            Regions = regions,
            Years = years,
            Districts = result.Districts,
            Measures = result.Measures,
            Selected = selected,
            Filter = new DashboardFilter
            {
                Region = region,
                Period = period,
                DistrictIds = [.. districtIds.Distinct()],
                MeasureIds = [.. measureIds.Distinct()],
                Groups = [.. groups.Distinct()],
                Sexes = [.. sexes.Distinct()],
                AgeBands = [.. ages.Distinct()],
            },
        };
    }

    /// <summary>
    /// The area a page shows, for its title: the region, or the districts the selection names (the district
    /// a page's address selects counts). Three or more districts are counted, not listed.
    /// </summary>
    public string AreaName(Selection selection, IStringLocalizer localizer, CultureInfo culture)
    {
        var names = Districts.Where(d => selection.Values("district").Contains(d.Code)).Select(d => d.Label.For(culture)).ToList();
        return names.Count switch
        {
            0 => Filter?.Region.Name.For(culture) ?? string.Empty,
            <= 2 => string.Join(", ", names),
            _ => localizer["Selection.DistrictCount", names.Count],
        };
    }

    /// <summary>The current query string with some keys replaced (null removes them), for links that keep the filters.</summary>
    public static string Link(HttpRequest request, string path, params (string Key, string? Value)[] replace)
    {
        var keys = replace.Select(r => r.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(q => !keys.Contains(q.Key))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Concat(replace.Where(r => r.Value is not null).Select(r => new KeyValuePair<string, string?>(r.Key, r.Value)));
        return QueryHelpers.AddQueryString(path, query);
    }

    /// <summary>
    /// What perturbation alone cannot hold against: a visitor who may combine any selections can build many
    /// differences for one small cell and average their noise away. These limits leave no two public selections
    /// that differ by a single district, measure, month or group value, other than against the totals.
    /// </summary>
    private static string? PublicProblem(IReadOnlyDictionary<string, IReadOnlyList<string>> selected, ReportingPeriod period, IStringLocalizer localizer)
    {
        if (selected["district"].Distinct().Count() > 1)
        {
            return localizer["Filter.Public.OneDistrict"];
        }

        if (selected["measure"].Distinct().Count() > 1)
        {
            return localizer["Filter.Public.OneMeasure"];
        }

        if ((period.From.Month - 1) % 3 != 0 || period.To.Month % 3 != 0)
        {
            return localizer["Filter.Public.WholeQuarters"];
        }

        var breakdowns = new[] { "group", "sex", "age" };
        if (breakdowns.Any(key => selected[key].Distinct().Count() > 1))
        {
            return localizer["Filter.Public.OneValue"];
        }

        return breakdowns.Count(key => selected[key].Count > 0) > 2 ? localizer["Filter.Public.TwoBreakdowns"].Value : null;
    }

    private static DateOnly MonthOf(string text) => TryMonth(text, out var month) ? month : default;

    private static bool TryMonth(string text, out DateOnly month) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month);
}
