using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Statistics;

namespace EmploymentDashboard.Data.Tables;

/// <summary>
/// One headline figure of the overview for the selection: its value, the same period a year earlier and the
/// change, the last month of the period against the month before, and the months of the period with the same
/// months a year earlier (the sparkline). Changes are differences of shown values only; a withheld value has none.
/// </summary>
public sealed record Headline(string Code, Label Name, string Definition, StatCell Value, StatCell LastYear, StatCell ChangeOnYear, StatCell ChangeOnYearPercent)
{
    /// <summary>What the value counts or measures (people, events, grants, percent).</summary>
    public Unit Unit { get; init; } = Unit.Events;

    /// <summary>"Dec 2025" of the month change; null for figures that have no months (annual figures).</summary>
    public Label? Month { get; init; }

    public Label? PreviousMonth { get; init; }

    public StatCell ChangeOnMonth { get; init; } = StatCell.Exact(null);

    public IReadOnlyList<StatCell> Months { get; init; } = [];

    public IReadOnlyList<StatCell> MonthsLastYear { get; init; } = [];

    /// <summary>True for a rate (percent): its change is in percentage points.</summary>
    public bool IsRate { get; init; }
}

/// <summary>The overview's headline figures (people covered, events, quota fulfilment, grants, employment rate) and their table.</summary>
public static class HeadlineTables
{
    public const string Id = "headlines-table";

    /// <summary>
    /// The headline figures of a selection. <paramref name="hasPreviousYear"/> says whether the database has the
    /// year before (otherwise there is no change on last year).
    /// </summary>
    public static async Task<IReadOnlyList<Headline>> GetAsync(DashboardDbContext db, DashboardFilter filter, TableAudience audience, bool hasPreviousYear, CancellationToken cancellationToken)
    {
        var previous = filter.PreviousYear();
        var months = audience.Publish(await db.GetBreakdownAsync(filter, Dimension.Month, cancellationToken));
        var monthsBefore = hasPreviousYear ? audience.Publish(await db.GetBreakdownAsync(previous, Dimension.Month, cancellationToken)) : null;
        var grants = await GrantsAsync(db, filter, audience, cancellationToken);
        var grantsBefore = hasPreviousYear ? await GrantsAsync(db, previous, audience, cancellationToken) : null;
        var quotas = await QuotaTables.GetQuotasAsync(db, filter, audience, cancellationToken);
        var quotasBefore = hasPreviousYear ? await QuotaTables.GetQuotasAsync(db, previous, audience, cancellationToken) : null;
        var rate = await EmploymentRateAsync(db, filter, audience, cancellationToken);
        var rateBefore = hasPreviousYear ? await EmploymentRateAsync(db, previous, audience, cancellationToken) : null;

        return
        [
            Monthly("people_covered", "Indicator.PeopleCovered", "people_covered", StatCell.Count(months.TotalPeople), monthsBefore is null ? null : StatCell.Count(monthsBefore.TotalPeople), months.Rows.Select(r => (r.Code, StatCell.Count(r.People), r.Label)).ToList(), monthsBefore?.Rows.Select(r => (r.Code, StatCell.Count(r.People), r.Label)).ToList()),
            Monthly("events", "Table.TotalEvents", "events", StatCell.Count(months.TotalEvents), monthsBefore is null ? null : StatCell.Count(monthsBefore.TotalEvents), months.Rows.Select(r => (r.Code, StatCell.Count(r.Events), r.Label)).ToList(), monthsBefore?.Rows.Select(r => (r.Code, StatCell.Count(r.Events), r.Label)).ToList()),
            Annual("quota_fulfilment_percent", "Indicator.QuotaFulfilment", "quota_fulfilment", Fulfilment(quotas), quotasBefore is null ? null : Fulfilment(quotasBefore)),
            Monthly("grants_count", "Indicator.GrantsCount", "grants_count", StatCell.Count(grants.Total.Count), grantsBefore is null ? null : StatCell.Count(grantsBefore.Total.Count), grants.Rows.Select(r => (r.Code, StatCell.Count(r.Count), r.Label!)).ToList(), grantsBefore?.Rows.Select(r => (r.Code, StatCell.Count(r.Count), r.Label!)).ToList()),
            Annual("employment_rate_percent", "Indicator.EmploymentRate", "employment_rate", rate ?? StatCell.Exact(null), rateBefore),
        ];
    }

    /// <summary>The headline figures as a table: what the cards show, for screen readers, downloads and the API.</summary>
    public static StatTable Table(IReadOnlyList<Headline> headlines, TableAudience audience, int year) => new()
    {
        Id = Id,
        Title = Label.Ui("Headlines.Caption", year),
        RowHeader = Label.Ui("Headlines.Indicator"),
        RowCode = "indicator",
        RowAttribute = "headline",
        Columns =
        [
            new StatColumn("value", Label.Ui("Headlines.Value"), Unit.Events),
            new StatColumn("last_year", Label.Ui("Headlines.LastYear", year - 1), Unit.Events),
            new StatColumn("change_on_year", Label.Ui("Headlines.ChangeOnYear"), Unit.Change),
            new StatColumn("change_on_year_percent", Label.Ui("Headlines.ChangeOnYearPercent"), Unit.Change),
            new StatColumn("change_on_month", Label.Ui("Headlines.ChangeOnMonth"), Unit.Change),
        ],
        Rows = [.. headlines.Select(h => new StatRow(h.Code, h.Name, [h.Value, h.LastYear, h.ChangeOnYear, h.ChangeOnYearPercent, h.ChangeOnMonth]) { Unit = h.Unit, Link = null })],
        IsPublic = audience.IsPublic,
        Threshold = audience.Threshold,
    };

    private static Headline Monthly(string code, string nameKey, string definition, StatCell value, StatCell? lastYear, IReadOnlyList<(string Code, StatCell Cell, Entities.LocalizedName Label)> months, IReadOnlyList<(string Code, StatCell Cell, Entities.LocalizedName Label)>? monthsBefore)
    {
        var before = monthsBefore?.ToDictionary(m => m.Code[^2..], m => m.Cell) ?? [];
        var headline = Annual(code, nameKey, definition, value, lastYear) with
        {
            Months = [.. months.Select(m => m.Cell)],
            MonthsLastYear = [.. months.Select(m => before.TryGetValue(m.Code[^2..], out var cell) ? cell : StatCell.Exact(null))],
            IsRate = false,
        };
        if (months.Count < 2)
        {
            return headline;
        }

        var (last, previous) = (months[^1], months[^2]);
        return headline with
        {
            Month = Label.Of(last.Label),
            PreviousMonth = Label.Of(previous.Label),
            ChangeOnMonth = Difference(last.Cell, previous.Cell, 0),
        };
    }

    private static Headline Annual(string code, string nameKey, string definition, StatCell value, StatCell? lastYear)
    {
        var isRate = code.EndsWith("_percent", StringComparison.Ordinal);
        var before = lastYear ?? StatCell.Exact(null);
        return new Headline(
            code,
            Label.Ui(nameKey),
            definition,
            value,
            before,
            Difference(value, before, isRate ? 1 : 0),
            isRate ? StatCell.Exact(null) : Percent(value, before))
        {
            IsRate = isRate,
            Unit = isRate ? Unit.Percent : code switch { "people_covered" => Unit.People, "grants_count" => Unit.Grants, _ => Unit.Events },
        };
    }

    /// <summary>The difference of two shown values; a blank when either is withheld or missing.</summary>
    private static StatCell Difference(StatCell now, StatCell before, int decimals) =>
        now.Value is { } a && before.Value is { } b ? StatCell.Exact(a - b, decimals) : StatCell.Exact(null);

    private static StatCell Percent(StatCell now, StatCell before) =>
        now.Value is { } a && before.Value is { } b && b != 0 ? StatCell.Exact(Math.Round(100m * (a - b) / b, 1), 1) : StatCell.Exact(null);

    private static StatCell Fulfilment(PublishedQuotas quotas) =>
        quotas.Years.Count == 0 ? StatCell.Exact(null) : StatCell.Rate(quotas.Region[^1].FulfilmentPercent);

    private static async Task<PublishedGrantList> GrantsAsync(DashboardDbContext db, DashboardFilter filter, TableAudience audience, CancellationToken cancellationToken)
    {
        var grants = await db.GetGrantBreakdownsAsync(filter, cancellationToken);
        var published = GrantPublishing.Publish(grants, audience);
        return published.ByMonth;
    }

    /// <summary>The employment rate of the selection's districts in the period's last year with population figures.</summary>
    private static async Task<StatCell?> EmploymentRateAsync(DashboardDbContext db, DashboardFilter filter, TableAudience audience, CancellationToken cancellationToken)
    {
        var tables = await ContextTables.GetAsync(db, filter, audience, cancellationToken);
        var context = tables.FirstOrDefault(t => t.Id == ContextTables.ContextId);
        if (context?.TotalRow is not { } total)
        {
            return null;
        }

        var column = context.Columns.Select((c, i) => (c, i)).Last(x => x.c.Code == "employment_rate_percent").i;
        return total.Cells[column];
    }
}
