using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace EmploymentDashboard.Bench.Pages;

/// <summary>One checked view: the API address, the number of figures compared, and the first difference (null when equal).</summary>
public sealed record CheckedView(string Path, int Cells, string? Problem);

public sealed record CorrectnessResult(IReadOnlyList<CheckedView> Views)
{
    public bool AllEqual => Views.Count > 0 && Views.All(v => v.Problem is null);
}

/// <summary>
/// Checks, as staff (exact figures), that breakdown tables of the open-data API equal the naive SQL computation on a
/// sample of views: the region's year by every dimension, one district by month, one measure by district, and a
/// month range across a year end. Rows are compared in the order the page lists its categories (months in order,
/// districts and measures by their sort order, groups I–III, women then men, age bands upwards), then the total row.
/// </summary>
public static class Correctness
{
    private static readonly string[] _groups = ["1", "2", "3"];

    private static readonly string[] _sexes = ["female", "male"];

    private static readonly string[] _ages = ["under-30", "30-39", "40-49", "50-59", "60-plus"];

    public static async Task<CorrectnessResult> CheckAsync(HttpClient staff, NpgsqlDataSource database, PagesOptions o, CancellationToken cancellationToken)
    {
        var views = new List<CheckedView>();
        var yearFrom = new DateOnly(o.Year, 1, 1);
        var yearTo = new DateOnly(o.Year + 1, 1, 1);

        var overview = await NaiveAsync(database, NaiveQueries.Overview, o, yearFrom, yearTo, cancellationToken);
        var measures = await CodesAsync(database, "SELECT code FROM support_measures ORDER BY sort_order", o, yearFrom, yearTo, cancellationToken);
        var districts = await CodesAsync(database,
            "SELECT d.code FROM districts d JOIN regions r ON r.id = d.region_id WHERE r.code = @region AND d.valid_from < @to AND (d.valid_to IS NULL OR d.valid_to >= @from) ORDER BY d.sort_order",
            o, yearFrom, yearTo, cancellationToken);
        var months = Months(yearFrom, yearTo);
        var query = $"?year={o.Year}";
        foreach (var (table, dimension, codes) in new (string, string, IReadOnlyList<string>)[]
        {
            ("month", "month", months), ("measure", "measure", measures), ("district", "district", districts),
            ("disabilitygroup", "group", _groups), ("sex", "sex", _sexes), ("ageband", "age", _ages),
        })
        {
            views.Add(await CompareAsync(staff, $"/api/v1/overview/overview-by-{table}-table{query}", overview, dimension, codes, cancellationToken));
        }

        var district = await NaiveAsync(database, NaiveQueries.District, o, yearFrom, yearTo, cancellationToken);
        views.Add(await CompareAsync(staff, $"/api/v1/districts/{o.District}/district-{o.District}-by-month-table{query}", district, "month", months, cancellationToken));

        var measure = await NaiveAsync(database, NaiveQueries.Measure, o, yearFrom, yearTo, cancellationToken);
        views.Add(await CompareAsync(staff, $"/api/v1/measures/{o.Measure}/measure-{o.Measure}-by-district-table{query}", measure, "district", districts, cancellationToken));

        var rangeFrom = new DateOnly(o.Year - 1, 11, 1);
        var rangeTo = new DateOnly(o.Year, 3, 1);
        var range = await NaiveAsync(database, NaiveQueries.ByMonth, o, rangeFrom, rangeTo, cancellationToken);
        views.Add(await CompareAsync(staff, $"/api/v1/overview/overview-by-month-table?from={o.Year - 1}-11&to={o.Year}-02", range, "month", Months(rangeFrom, rangeTo), cancellationToken));
        return new CorrectnessResult(views);
    }

    /// <summary>Compares one API table (category, events, people; then the total row) with the naive figures of one dimension.</summary>
    public static async Task<CheckedView> CompareAsync(
        HttpClient staff, string path, IReadOnlyDictionary<(string Dimension, string Key), (long Events, long People)> naive, string dimension, IReadOnlyList<string> codes, CancellationToken cancellationToken)
    {
        using var response = await staff.GetAsync(path, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return new CheckedView(path, 0, $"answered {(int)response.StatusCode}");
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var root = json.RootElement;
        if (root.GetProperty("audience").GetString() != "staff")
        {
            return new CheckedView(path, 0, "not the staff audience (exact figures)");
        }

        var columns = root.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToList();
        var events = columns.IndexOf("events");
        var people = columns.IndexOf("people");
        if (events < 0 || people < 0)
        {
            return new CheckedView(path, 0, $"no events and people columns (columns: {string.Join(", ", columns)})");
        }

        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        if (rows.Count != codes.Count + 1)
        {
            return new CheckedView(path, 0, $"{rows.Count} rows, expected {codes.Count} categories and a total");
        }

        var cells = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var (code, key) = i < codes.Count ? (codes[i], (dimension, codes[i])) : ("total", ("total", ""));
            var expected = naive.GetValueOrDefault(key);
            var cellsOfRow = rows[i].EnumerateArray().ToList();
            foreach (var (column, value) in new[] { (events, expected.Events), (people, expected.People) })
            {
                var actual = Value(cellsOfRow[column]);
                cells++;
                if (actual != value)
                {
                    return new CheckedView(path, cells, $"{code}, {columns[column]}: API {actual?.ToString(CultureInfo.InvariantCulture) ?? "null"}, naive SQL {value}");
                }
            }
        }

        return new CheckedView(path, cells, null);
    }

    private static long? Value(JsonElement cell) =>
        cell.ValueKind == JsonValueKind.Object && cell.GetProperty("value") is { ValueKind: JsonValueKind.Number } value ? (long)value.GetDecimal() : null;

    private static List<string> Months(DateOnly from, DateOnly toExclusive)
    {
        var months = new List<string>();
        for (var month = from; month < toExclusive; month = month.AddMonths(1))
        {
            months.Add(month.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        }

        return months;
    }

    private static async Task<Dictionary<(string, string), (long, long)>> NaiveAsync(
        NpgsqlDataSource database, string sql, PagesOptions o, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var figures = new Dictionary<(string, string), (long, long)>();
        await using var command = PagesCommand.NaiveCommand(database, sql, o.Region, o.Year, from, to, o.District, o.Measure);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            figures[(reader.GetString(0), reader.GetString(1))] = (reader.GetInt64(2), reader.GetInt64(3));
        }

        return figures;
    }

    private static async Task<List<string>> CodesAsync(NpgsqlDataSource database, string sql, PagesOptions o, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var codes = new List<string>();
        await using var command = PagesCommand.NaiveCommand(database, sql, o.Region, o.Year, from, to, o.District, o.Measure);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            codes.Add(reader.GetString(0));
        }

        return codes;
    }
}
