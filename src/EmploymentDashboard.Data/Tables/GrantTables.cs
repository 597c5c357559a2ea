using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;

namespace EmploymentDashboard.Data.Tables;

/// <summary>The grants dashboard's tables: count and amount (KZT, MCI) by district, business sector and month.</summary>
public static class GrantTables
{
    public const string DistrictId = "grants-district-table";

    public const string SectorId = "grants-sector-table";

    public const string MonthId = "grants-month-table";

    public static IReadOnlyList<string> Ids { get; } = [DistrictId, SectorId, MonthId];

    /// <summary>The three tables, from one query; they share one total, the same perturbed cell in each.</summary>
    public static async Task<IReadOnlyList<StatTable>> GetAsync(DashboardDbContext db, DashboardFilter filter, TableAudience audience, CancellationToken cancellationToken)
    {
        var grants = await db.GetGrantBreakdownsAsync(filter, cancellationToken);
        var published = GrantPublishing.Publish(grants, audience);
        return
        [
            Table(DistrictId, "Grants.ByDistrict.Title", "Table.District", "district", published.ByDistrict, ChartKind.HorizontalBar, r => Label.Of(r.Label!), code => "/Districts/" + code, audience),
            Table(SectorId, "Grants.BySector.Title", "Grants.Sector", "sector", published.BySector, ChartKind.Bar, r => Label.Ui(SectorKey(r.Code)), _ => null, audience),
            Table(MonthId, "Grants.ByMonth.Title", "Grants.Month", "month", published.ByMonth, ChartKind.Bar, r => Label.Of(r.Label!), _ => null, audience),
        ];
    }

    /// <summary>The resource key of a sector's name ("agriculture" → Sector.Agriculture).</summary>
    public static string SectorKey(string code) =>
        "Sector." + (Enum.GetValues<BusinessSector>().FirstOrDefault(s => s.Code() == code, BusinessSector.Food)).ToString();

    private static StatTable Table(string id, string titleKey, string headerKey, string rowCode, PublishedGrantList list, ChartKind kind, Func<PublishedGrantRow, Label> label, Func<string, string?> link, TableAudience audience)
    {
        static IReadOnlyList<StatCell> Cells(PublishedGrantRow row) => [StatCell.Count(row.Count), StatCell.Amount(row.AmountKzt), StatCell.Amount(row.AmountMci)];
        var rows = list.Rows
            .Select(r => new StatRow(r.Code, label(r), Cells(r)) { Link = link(r.Code) })
            .Append(new StatRow("total", Label.Ui("Table.Total"), Cells(list.Total)) { IsTotal = true })
            .ToList();
        return new StatTable
        {
            Id = id,
            Title = Label.Ui(titleKey),
            RowHeader = Label.Ui(headerKey),
            RowCode = rowCode,
            Columns =
            [
                new StatColumn("count", Label.Ui("Grants.Column.Count"), Unit.Grants) { Attribute = "series", Definition = "grants_count" },
                new StatColumn("amount_kzt", Label.Ui("Grants.Column.AmountKzt"), Unit.Kzt) { Definition = "grants_amount" },
                new StatColumn("amount_mci", Label.Ui("Grants.Column.AmountMci"), Unit.Mci) { Definition = "grants_amount" },
            ],
            Rows = rows,
            IsPublic = audience.IsPublic,
            Threshold = audience.Threshold,
            Chart = new ChartSpec(kind, ["count"]),
            Summary = TableSummaries.Largest(rows, 0, "Grants.Summary", "Grants.NoGrants"),
        };
    }
}
