using Microsoft.AspNetCore.WebUtilities;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// The reader's selection: the filter keys of the query string, plus what the page's address implies (a
/// district page selects its district, a measure page its measure). It is the one place that builds links
/// between pages, so every menu, drill-down, breadcrumb and switcher link keeps the selection.
/// </summary>
public sealed class Selection
{
    /// <summary>The query keys that make up a selection (the keys of <see cref="FilterRequest"/>).</summary>
    public static IReadOnlyList<string> Keys { get; } = ["region", "year", "from", "to", "district", "measure", "group", "sex", "age"];

    private const string ImpliedItem = "Dashboard.Selection.Implied";

    private readonly IReadOnlyList<KeyValuePair<string, string>> _values;
    private readonly string? _language;

    private Selection(IReadOnlyList<KeyValuePair<string, string>> values, string? language)
    {
        _values = values;
        _language = language;
    }

    /// <summary>The selection of the current request: its query's filter keys, with the values the page's address implies in place of those keys.</summary>
    public static Selection Of(HttpContext context)
    {
        var query = QueryHelpers.ParseQuery(context.Request.QueryString.Value);
        var implied = context.Items[ImpliedItem] as Dictionary<string, string> ?? [];
        var values = new List<KeyValuePair<string, string>>();
        foreach (var key in Keys)
        {
            if (implied.TryGetValue(key, out var value))
            {
                values.Add(new(key, value));
                continue;
            }

            if (query.TryGetValue(key, out var given))
            {
                values.AddRange(given.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => new KeyValuePair<string, string>(key, v!.Trim())).Distinct());
            }
        }

        var language = query.TryGetValue(Cultures.QueryKey, out var lang) && lang.Count > 0 ? lang[0] : null;
        return new Selection(values, language);
    }

    /// <summary>Says that the page's address selects this value (a district page: district=its code); it replaces the query's values of the key.</summary>
    public static void Imply(HttpContext context, string key, string value)
    {
        if (context.Items[ImpliedItem] is not Dictionary<string, string> implied)
        {
            implied = [];
            context.Items[ImpliedItem] = implied;
        }

        implied[key] = value;
    }

    /// <summary>The values selected for a key.</summary>
    public IReadOnlyList<string> Values(string key) => [.. _values.Where(v => v.Key == key).Select(v => v.Value)];

    public bool Has(string key) => _values.Any(v => v.Key == key);

    /// <summary>
    /// A link to <paramref name="path"/> (it may end in a #fragment) that keeps the selection; the keys given
    /// are replaced by their value (null drops the key: the linked page's address selects it, or the link widens the selection).
    /// </summary>
    public string Link(string path, params (string Key, string? Value)[] replace)
    {
        var keys = replace.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var query = _values.Where(v => !keys.Contains(v.Key))
            .Concat(replace.Where(r => r.Value is not null).Select(r => new KeyValuePair<string, string>(r.Key, r.Value!)))
            .OrderBy(v => IndexOf(v.Key))
            .Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))
            .ToList();
        if (_language is not null)
        {
            query.Add(new(Cultures.QueryKey, _language));
        }

        var hash = path.IndexOf('#', StringComparison.Ordinal);
        var (bare, fragment) = hash < 0 ? (path, string.Empty) : (path[..hash], path[hash..]);
        return QueryHelpers.AddQueryString(bare, query) + fragment;
    }

    /// <summary>A link to <paramref name="path"/> with one value of a key removed (the removable tags of the selection bar).</summary>
    public string Without(string path, string key, string value)
    {
        var rest = _values.Where(v => v.Key == key && v.Value != value).Select(v => v.Value).ToList();
        var query = _values.Where(v => v.Key != key)
            .Concat(rest.Select(v => new KeyValuePair<string, string>(key, v)))
            .OrderBy(v => IndexOf(v.Key))
            .Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))
            .ToList();
        if (_language is not null)
        {
            query.Add(new(Cultures.QueryKey, _language));
        }

        return QueryHelpers.AddQueryString(path, query);
    }

    private static int IndexOf(string key)
    {
        for (var i = 0; i < Keys.Count; i++)
        {
            if (Keys[i] == key)
            {
                return i;
            }
        }

        return Keys.Count;
    }
}
