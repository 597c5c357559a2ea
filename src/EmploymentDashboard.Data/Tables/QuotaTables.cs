using System.Globalization;
using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;

namespace EmploymentDashboard.Data.Tables;

/// <summary>The quota dashboard's tables: places by district and year, special workplaces, pending applications, and the staff's employer list.</summary>
public static class QuotaTables
{
    public const string QuotaId = "quota-table";

    public const string WorkplacesId = "special-workplaces-table";

    public const string PendingId = "pending-table";

    public const string EmployerId = "employer-table";

    public const string UnfilledId = "quota-unfilled-table";

    public static IReadOnlyList<string> AggregateIds { get; } = [UnfilledId, QuotaId, WorkplacesId, PendingId];

    /// <summary>
    /// Where quota places are unfilled: each district's places set, filled and unfilled and its fulfilment in
    /// the period's last year, the most unfilled first (withheld last). Unfilled is set less filled, from shown
    /// values only; the region (or the districts listed) is the total row.
    /// </summary>
    public static StatTable Unfilled(PublishedQuotas quotas, TableAudience audience, bool regionTotal)
    {
        var last = quotas.Years.Count - 1;
        // Unfilled places are places set (published exactly) less places filled as published (perturbed for the
        // public): derived from shown figures, they reveal nothing the two do not. A perturbed filled figure can
        // pass places set, so the gap stops at zero.
        StatCell Gap(PublishedQuotaCell c) =>
            c.PlacesSet.Value is { } set && c.PlacesFilled.Value is { } filled ? StatCell.Count(DisclosedValue.Shown(Math.Max(0, set - filled))) : StatCell.Exact(null);
        IReadOnlyList<StatCell> Cells(PublishedQuotaCell c) => [StatCell.Count(c.PlacesSet), StatCell.Count(c.PlacesFilled), Gap(c), StatCell.Rate(c.FulfilmentPercent)];
        var rows = last < 0 ? [] : quotas.Districts
            .Select(d => (d, Cells: Cells(d.Years[last])))
            .OrderBy(x => x.Cells[2].Value is null ? 1 : 0)
            .ThenByDescending(x => x.Cells[2].Value)
            .Select(x => new StatRow(x.d.District.Code, Label.Of(x.d.District.Name), x.Cells) { Link = "/Districts/" + x.d.District.Code })
            .ToList();
        var year = last < 0 ? string.Empty : Y(quotas.Years[last]);
        var worst = rows.FirstOrDefault(r => r.Cells[2].Value is > 0);
        return new StatTable
        {
            Id = UnfilledId,
            Title = Label.Ui("Quotas.Unfilled.Caption", year),
            RowHeader = Label.Ui("Table.District"),
            RowCode = "district",
            RowAttribute = "district",
            Columns =
            [
                new StatColumn("set", Label.Ui("Quotas.Column.Set"), Unit.Places) { Definition = "quota_places_set" },
                new StatColumn("filled", Label.Ui("Quotas.Column.Filled"), Unit.Places) { Definition = "quota_places_filled" },
                new StatColumn("unfilled", Label.Ui("Quotas.Column.Unfilled"), Unit.Places),
                new StatColumn("fulfilment_percent", Label.Ui("Quotas.Column.Fulfilment"), Unit.Percent) { Definition = "quota_fulfilment" },
            ],
            Rows = last < 0 ? rows : [.. rows, new StatRow("total", Label.Ui(regionTotal ? "Table.RegionTotal" : "Table.Total"), Cells(quotas.Region[last])) { IsTotal = true }],
            IsPublic = audience.IsPublic,
            Threshold = audience.Threshold,
            Summary = worst is null
                ? Label.Ui("Quotas.Unfilled.None", year)
                : Label.Ui("Quotas.Unfilled.Summary", worst.Header, new Figure(worst.Cells[2].Value!.Value), new Figure(worst.Cells[0].Value ?? 0)),
            Definition = "quota_fulfilment",
        };
    }

    public static async Task<PublishedQuotas> GetQuotasAsync(DashboardDbContext db, DashboardFilter filter, TableAudience audience, CancellationToken cancellationToken)
    {
        var report = await db.GetQuotaReportAsync(filter, cancellationToken);
        return QuotaPublishing.Publish(report, audience);
    }

    private static string Y(int year) => year.ToString(CultureInfo.InvariantCulture);

    /// <summary>Districts × years × (employers, places set, filled, fulfilment), with the total of the districts listed.</summary>
    public static StatTable Quota(PublishedQuotas quotas, TableAudience audience, bool regionTotal)
    {
        var columns = quotas.Years.SelectMany(year => new[]
        {
            new StatColumn("employers", Label.Ui("Quotas.Column.Employers"), Unit.Employers) { Group = Label.Text(Y(year)), GroupCode = Y(year), Definition = "quota_employers" },
            new StatColumn("set", Label.Ui("Quotas.Column.Set"), Unit.Places) { Group = Label.Text(Y(year)), GroupCode = Y(year), Definition = "quota_places_set" },
            new StatColumn("filled", Label.Ui("Quotas.Column.Filled"), Unit.Places) { Group = Label.Text(Y(year)), GroupCode = Y(year), Definition = "quota_places_filled" },
            new StatColumn("fulfilment_percent", Label.Ui("Quotas.Column.Fulfilment"), Unit.Percent) { Group = Label.Text(Y(year)), GroupCode = Y(year), Definition = "quota_fulfilment" },
        }).ToList();
        static IEnumerable<StatCell> Cells(PublishedQuotaCell c) => [StatCell.Count(c.Employers), StatCell.Count(c.PlacesSet), StatCell.Count(c.PlacesFilled), StatCell.Rate(c.FulfilmentPercent)];
        var rows = quotas.Districts
            .Select(d => new StatRow(d.District.Code, Label.Of(d.District.Name), [.. d.Years.SelectMany(Cells)]) { Link = "/Districts/" + d.District.Code })
            .Append(new StatRow("total", Label.Ui(regionTotal ? "Table.RegionTotal" : "Table.Total"), [.. quotas.Region.SelectMany(Cells)]) { IsTotal = true })
            .ToList();

        // The chart draws places set and filled per year; its sentence is the region's fulfilment in the last year.
        Label summary = Label.Ui("Quotas.Chart.NoSummary", quotas.Years.Count == 0 ? string.Empty : Y(quotas.Years[^1]));
        if (quotas.Years.Count > 0 && quotas.Region[^1] is { PlacesSet.Value: { } set, PlacesFilled.Value: { } filled, FulfilmentPercent.Value: { } percent } last)
        {
            summary = Label.Ui("Quotas.Chart.Summary", Y(quotas.Years[^1]), new Figure(filled), new Figure(set), new Figure(percent, last.FulfilmentPercent.Decimals));
        }

        return new StatTable
        {
            Id = QuotaId,
            Title = Label.Ui("Quotas.ByDistrict.Caption"),
            RowHeader = Label.Ui("Table.District"),
            RowCode = "district",
            RowAttribute = "district",
            Columns = columns,
            Rows = rows,
            IsPublic = audience.IsPublic,
            Threshold = audience.Threshold,
            Chart = new ChartSpec(ChartKind.HorizontalBar, ["set", "filled"]),
            Summary = summary,
            Definition = "quota_places_set",
        };
    }

    /// <summary>Special workplaces by impairment, one column per year, with the region total.</summary>
    public static StatTable Workplaces(PublishedQuotas quotas, TableAudience audience)
    {
        var largest = quotas.SpecialWorkplaces
            .Select(w => (w.ImpairmentType, Value: w.Years.Sum(v => v.Value ?? 0)))
            .OrderByDescending(w => w.Value)
            .FirstOrDefault();
        return new StatTable
        {
            Id = WorkplacesId,
            Title = Label.Ui("Quotas.Workplaces.Title"),
            RowHeader = Label.Ui("Quotas.Workplaces.Impairment"),
            RowCode = "impairment",
            Columns = [.. quotas.Years.Select(year => new StatColumn(Y(year), Label.Text(Y(year)), Unit.Workplaces) { Attribute = "series", Definition = "special_workplaces" })],
            Rows =
            [
                .. quotas.SpecialWorkplaces.Select(w => new StatRow(w.ImpairmentType.ToString().ToLowerInvariant(), Label.Ui(ImpairmentKey(w.ImpairmentType)), [.. w.Years.Select(StatCell.Count)])),
                new StatRow("total", Label.Ui("Table.Total"), [.. quotas.SpecialWorkplaceTotals.Select(StatCell.Count)]) { IsTotal = true },
            ],
            IsPublic = audience.IsPublic,
            Threshold = audience.Threshold,
            Chart = new ChartSpec(ChartKind.HorizontalBar, [.. quotas.Years.Select(Y)]),
            Summary = largest.Value > 0 ? Label.Ui("Quotas.Workplaces.Summary", Label.Ui(ImpairmentKey(largest.ImpairmentType))) : Label.Ui("Quotas.Workplaces.None"),
            Definition = "special_workplaces",
        };
    }

    public static StatTable Pending(PublishedQuotas quotas, TableAudience audience) => new()
    {
        Id = PendingId,
        Title = Label.Ui("Quotas.Pending.Caption"),
        RowHeader = Label.Ui("Table.District"),
        RowCode = "district",
        RowAttribute = "district",
        Columns =
        [
            new StatColumn("year", Label.Ui("Filter.Year"), Unit.Text),
            new StatColumn("applications", Label.Ui("Quotas.Column.Applications"), Unit.Applications) { Definition = "pending_applications" },
            new StatColumn("places", Label.Ui("Quotas.Column.Places"), Unit.Places),
        ],
        Rows = [.. quotas.Pending.Select(p => new StatRow(p.District.Code, Label.Of(p.District.Name), [StatCell.Words(Y(p.Year)), StatCell.Count(p.Applications), StatCell.Count(p.Places)]) { Year = Y(p.Year) })],
        IsPublic = audience.IsPublic,
        Threshold = audience.Threshold,
    };

    /// <summary>The employer list: names employers, so it exists only for staff (exact figures, never disclosure-controlled).</summary>
    public static StatTable Employers(IReadOnlyList<EmployerQuotaRow> employers, TableAudience audience) => Employers(new EmployerQuotaPage(employers, employers.Count, 1, Math.Max(1, employers.Count)), audience);

    /// <summary>One page of the employer list; its caption counts the whole list.</summary>
    public static StatTable Employers(EmployerQuotaPage page, TableAudience audience)
    {
        if (audience.IsPublic)
        {
            throw new InvalidOperationException("The employer list names employers and is never built for the public.");
        }

        return new StatTable
        {
            Id = EmployerId,
            Title = Label.Ui("Quotas.Employers.Caption", page.Total),
            RowHeader = Label.Ui("Quotas.Employers.Name"),
            RowCode = "employer",
            RowAttribute = "bin",
            Columns =
            [
                new StatColumn("bin", Label.Ui("Quotas.Employers.Bin"), Unit.Text),
                new StatColumn("district", Label.Ui("Table.District"), Unit.Text),
                new StatColumn("headcount", Label.Ui("Quotas.Employers.Headcount"), Unit.Headcount),
                new StatColumn("set", Label.Ui("Quotas.Column.Set"), Unit.Places),
                new StatColumn("filled", Label.Ui("Quotas.Column.Filled"), Unit.Places),
                new StatColumn("unfilled", Label.Ui("Quotas.Column.Unfilled"), Unit.Places),
                new StatColumn("fulfilment_percent", Label.Ui("Quotas.Column.Fulfilment"), Unit.Percent) { Definition = "quota_fulfilment" },
            ],
            Rows =
            [
                .. page.Rows.Select(e => new StatRow(e.Bin, Label.Text(e.Name),
                [
                    StatCell.Words(e.Bin), StatCell.Words(Label.Of(e.District.Name)), StatCell.Exact(e.Headcount), StatCell.Exact(e.PlacesSet),
                    StatCell.Exact(e.PlacesFilled), StatCell.Exact(e.PlacesUnfilled), StatCell.Rate(QuotaPublishing.ExactPercent(e.PlacesFilled, e.PlacesSet)),
                ])),
            ],
            IsPublic = false,
            Threshold = audience.Threshold,
            RecordDataset = "quotas",
        };
    }

    public static string ImpairmentKey(ImpairmentType type) => type switch
    {
        ImpairmentType.Hearing => "Quotas.Impairment.Hearing",
        ImpairmentType.Vision => "Quotas.Impairment.Vision",
        _ => "Quotas.Impairment.Mobility",
    };
}
