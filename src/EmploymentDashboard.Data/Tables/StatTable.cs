using System.Globalization;
using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Entities;

namespace EmploymentDashboard.Data.Tables;

/// <summary>What a column's figures count or measure; says whether a figure is a count of people, of events, an amount or a rate.</summary>
public enum Unit
{
    /// <summary>Distinct people (never the sum of events).</summary>
    People,

    /// <summary>Events of support (placements or grants); one person can have several.</summary>
    Events,

    Grants,
    Employers,
    Places,
    Workplaces,
    Applications,

    /// <summary>Staff of an employer.</summary>
    Headcount,

    Kzt,
    Mci,
    Percent,
    PerThousand,

    /// <summary>A position in a ranking (1 = highest); not a count.</summary>
    Rank,

    /// <summary>A difference between two shown figures (a change on last year or on the previous month); not a count.</summary>
    Change,

    /// <summary>Words or codes, not figures.</summary>
    Text,

    /// <summary>Each row's own unit, named in its header (a plan table: people covered, events, quota places).</summary>
    RowIndicator,
}

/// <summary>
/// Text that the UI shows in the reader's language: a resource key with arguments (arguments that are
/// <see cref="LocalizedName"/>s are localized too), a name kept in three languages, or fixed text.
/// </summary>
public sealed record Label
{
    public string? Key { get; private init; }

    public IReadOnlyList<object> Args { get; private init; } = [];

    public LocalizedName? Name { get; private init; }

    public string? Fixed { get; private init; }

    /// <summary>A UI string of the resource files.</summary>
    public static Label Ui(string key, params object[] args) => new() { Key = key, Args = args };

    /// <summary>A name from the database (district, measure, region) or a dimension value.</summary>
    public static Label Of(LocalizedName name) => new() { Name = name };

    /// <summary>Text that is the same in every language, such as a year.</summary>
    public static Label Text(string text) => new() { Fixed = text };
}

/// <summary>A number inside a sentence, formatted in the reader's culture with the given decimals.</summary>
public sealed record Figure(decimal Value, int Decimals = 0);

/// <summary>A column: a stable code (CSV headers, JSON, HTML data attributes), its header, its unit, and an optional group header above it.</summary>
public sealed record StatColumn(string Code, Label Header, Unit Unit)
{
    /// <summary>A header spanning this and the neighbouring columns of the same group (for example a year).</summary>
    public Label? Group { get; init; }

    /// <summary>The anchor of its definition on the Definitions page.</summary>
    public string? Definition { get; init; }

    /// <summary>The HTML data attribute that carries <see cref="Code"/> ("series", "column", "measure").</summary>
    public string Attribute { get; init; } = "column";

    /// <summary>Code of the group (for example "2025"), written as data-year and prefixed to the code in files.</summary>
    public string? GroupCode { get; init; }

    public bool IsFigure => Unit != Unit.Text;

    /// <summary>The code as files and the API name the column: group and column code ("2025_set").</summary>
    public string FileCode => GroupCode is null ? Code : GroupCode + "_" + Code;
}

/// <summary>
/// One value of a table as its audience may see it: a figure (with the number of decimals it is shown
/// with), a blank, withheld with a reason, or text. A withheld value keeps no number.
/// </summary>
public readonly record struct StatCell
{
    private StatCell(decimal? value, int decimals, SuppressionReason reason, Label? text)
    {
        Value = value;
        Decimals = decimals;
        Reason = reason;
        Text = text;
    }

    /// <summary>The figure; null when withheld or blank.</summary>
    public decimal? Value { get; }

    public int Decimals { get; }

    public SuppressionReason Reason { get; }

    /// <summary>The words of a text cell; null for a figure.</summary>
    public Label? Text { get; }

    public bool IsWithheld => Reason != SuppressionReason.None;

    public static StatCell Count(DisclosedValue value) =>
        value.Value is { } shown ? new(shown, 0, SuppressionReason.None, null) : new(null, 0, value.Reason, null);

    public static StatCell Rate(DisclosedRate rate) =>
        rate.Value is { } shown ? new(shown, rate.Decimals, SuppressionReason.None, null) : new(null, rate.Decimals, rate.Reason, null);

    /// <summary>An amount, rounded to the decimals it is shown with (for the public, already derived from a published count).</summary>
    public static StatCell Amount(decimal amount, int decimals = 0) => new(Math.Round(amount, decimals), decimals, SuppressionReason.None, null);

    /// <summary>An exact number that is not subject to disclosure (staff-only tables, ranks); null is a blank.</summary>
    public static StatCell Exact(decimal? value, int decimals = 0) => new(value, decimals, SuppressionReason.None, null);

    public static StatCell Words(string text) => new(null, 0, SuppressionReason.None, Label.Text(text));

    public static StatCell Words(Label text) => new(null, 0, SuppressionReason.None, text);

    /// <summary>The text of a figure cell: the figure in the culture, "c" for a withheld value, "—" for a blank.</summary>
    public string Display(IFormatProvider culture) => Reason switch
    {
        SuppressionReason.None when Value is { } value => value.ToString("N" + Decimals.ToString(CultureInfo.InvariantCulture), culture),
        SuppressionReason.None => "—",
        _ => DisclosedValue.ConfidentialMarker,
    };

    /// <summary>The figure as machine-readable text (invariant culture, the shown decimals); null when withheld or blank.</summary>
    public string? Invariant => Value?.ToString("F" + Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>The figure with exactly the decimals it is shown with (100.0, not 100), for files and the API; null when withheld or blank.</summary>
    public decimal? Number => Invariant is { } text ? decimal.Parse(text, CultureInfo.InvariantCulture) : null;

    /// <summary>The flag files and the API give a withheld value (only rates are ever withheld): "small_base" or "no_base".</summary>
    public string? Flag => Reason switch
    {
        SuppressionReason.None => null,
        SuppressionReason.SmallBase => "small_base",
        _ => "no_base",
    };
}

/// <summary>A row: a stable code, its header, its cells (one per column), whether it is a total row, and the page it links to.</summary>
public sealed record StatRow(string Code, Label Header, IReadOnlyList<StatCell> Cells)
{
    public bool IsTotal { get; init; }

    /// <summary>A path (no query string) of the page about this row, such as /Districts/abay-district.</summary>
    public string? Link { get; init; }

    /// <summary>Code of a second key of the row (for example its year), written as data-year.</summary>
    public string? Year { get; init; }

    /// <summary>The unit of the row's figures when a table mixes them by row (headline figures: counts and rates); null means each column's unit.</summary>
    public Unit? Unit { get; init; }

    /// <summary>The unit of one of the row's cells: the row's own unit for its figure columns, else the column's.</summary>
    public Unit UnitOf(StatColumn column) => Unit is { } own && column.Unit is not (Tables.Unit.Change or Tables.Unit.Text) ? own : column.Unit;
}

/// <summary>How a chart draws a table: its kind and which columns are its series.</summary>
public sealed record ChartSpec(ChartKind Kind, IReadOnlyList<string> Series, bool Stacked = false)
{
    /// <summary>Said under the chart: why a column of the table is not drawn (it equals another on every row).</summary>
    public Label? Note { get; init; }
}

/// <summary>The kinds of chart a table can have.</summary>
public enum ChartKind
{
    Bar,
    HorizontalBar,
    Line,
}

/// <summary>
/// A statistic as one audience may see it: rows, columns and cells, each value with its unit and, for the
/// public, its disclosure outcome. Every page, download and API answer renders this one object, so the
/// file is what the screen shows because both come from it.
/// </summary>
public sealed record StatTable
{
    /// <summary>Stable id: the table's element id on its page and its name in the API and in file names.</summary>
    public required string Id { get; init; }

    public required Label Title { get; init; }

    /// <summary>Header of the row header column ("District", "Month").</summary>
    public required Label RowHeader { get; init; }

    /// <summary>Code of the row header column in files ("district", "month").</summary>
    public string RowCode { get; init; } = "category";

    /// <summary>The HTML data attribute that carries each row's code ("category", "district").</summary>
    public string RowAttribute { get; init; } = "category";

    public required IReadOnlyList<StatColumn> Columns { get; init; }

    public required IReadOnlyList<StatRow> Rows { get; init; }

    /// <summary>True when the counts are perturbed (the public view, ADR 0010); false for staff's exact figures.</summary>
    public required bool IsPublic { get; init; }

    /// <summary>k of the p-table: no public count is from 1 to k − 1.</summary>
    public required int Threshold { get; init; }

    public ChartSpec? Chart { get; init; }

    /// <summary>The Definitions anchor of the indicator the table shows.</summary>
    public string? Definition { get; init; }

    /// <summary>
    /// The record-level dataset this table lists rows of (the employer list: "quotas"), or null for aggregates.
    /// Record-level rows leave the app only as a record-level export: Analyst and Admin, recorded, rate limited.
    /// </summary>
    public string? RecordDataset { get; init; }

    /// <summary>Said after the legend of withheld values when the table has some (why amounts or employer figures are withheld).</summary>
    public Label? WithheldNote { get; init; }

    /// <summary>One sentence that says what the table shows (its largest value, for instance), from shown values only.</summary>
    public Label? Summary { get; init; }

    public IEnumerable<StatRow> BodyRows => Rows.Where(r => !r.IsTotal);

    public StatRow? TotalRow => Rows.FirstOrDefault(r => r.IsTotal);

    public bool HasWithheldValues => Rows.Any(r => r.Cells.Any(c => c.IsWithheld));

    public int ColumnIndex(string code) => Columns.Select((c, i) => (c, i)).First(x => x.c.Code == code).i;
}

/// <summary>Sentences that describe a table from its shown values only.</summary>
public static class TableSummaries
{
    /// <summary>
    /// "{largest row} had the most: {value} of {total}" for a column, from shown values only;
    /// <paramref name="noneKey"/> when nothing is shown or the total is zero or withheld.
    /// </summary>
    public static Label Largest(IReadOnlyList<StatRow> rows, int column, string key, string noneKey)
    {
        var top = rows.Where(r => !r.IsTotal && r.Cells[column].Value is > 0).OrderByDescending(r => r.Cells[column].Value).FirstOrDefault();
        var total = rows.FirstOrDefault(r => r.IsTotal)?.Cells[column].Value;
        return top is null || total is not > 0
            ? Label.Ui(noneKey)
            : Label.Ui(key, top.Header, new Figure(top.Cells[column].Value!.Value), new Figure(total.Value));
    }
}
