using EmploymentDashboard.Data.Entities;
using EmploymentDashboard.Data.Statistics;

namespace EmploymentDashboard.Data.Disclosure;

/// <summary>Quotas in force of one district (or the region) in one year, as an audience may see them.</summary>
public sealed record PublishedQuotaCell(DisclosedValue Employers, DisclosedValue PlacesSet, DisclosedValue PlacesFilled, DisclosedRate FulfilmentPercent);

/// <summary>One district's quota cells, one per year of <see cref="PublishedQuotas.Years"/>.</summary>
public sealed record PublishedQuotaDistrict(DistrictLabel District, IReadOnlyList<PublishedQuotaCell> Years);

/// <summary>Special workplaces for one impairment, one value per year of <see cref="PublishedQuotas.Years"/>.</summary>
public sealed record PublishedWorkplaceRow(ImpairmentType ImpairmentType, IReadOnlyList<DisclosedValue> Years);

/// <summary>Pending quota applications of one district and year.</summary>
public sealed record PublishedPendingRow(DistrictLabel District, int Year, DisclosedValue Applications, DisclosedValue Places);

/// <summary>
/// The quota dashboard as one audience may see it. For the public every count (employer-level ones too:
/// a small one can point at the one person hired) has passed the disclosure policy, with the dominance rule
/// where one employer makes up most of a cell; for staff every value is exact.
/// </summary>
public sealed record PublishedQuotas(
    bool IsPublic,
    int Threshold,
    IReadOnlyList<int> Years,
    IReadOnlyList<PublishedQuotaDistrict> Districts,
    IReadOnlyList<PublishedQuotaCell> Region,
    IReadOnlyList<PublishedWorkplaceRow> SpecialWorkplaces,
    IReadOnlyList<DisclosedValue> SpecialWorkplaceTotals,
    IReadOnlyList<PublishedPendingRow> Pending,
    DisclosedValue PendingApplications,
    DisclosedValue PendingPlaces)
{
    public bool HasSuppressedValues =>
        Districts.Any(d => d.Years.Any(Withheld)) || Region.Any(Withheld)
        || SpecialWorkplaces.Any(w => w.Years.Any(v => v.IsSuppressed)) || SpecialWorkplaceTotals.Any(v => v.IsSuppressed)
        || PendingApplications.IsSuppressed || PendingPlaces.IsSuppressed || Pending.Any(p => p.Applications.IsSuppressed || p.Places.IsSuppressed);

    private static bool Withheld(PublishedQuotaCell cell) =>
        cell.Employers.IsSuppressed || cell.PlacesSet.IsSuppressed || cell.PlacesFilled.IsSuppressed || cell.FulfilmentPercent.IsSuppressed;
}

/// <summary>Turns a <see cref="QuotaReport"/> into what an audience may see.</summary>
public static class QuotaPublishing
{
    /// <summary>Staff see exact figures.</summary>
    public static PublishedQuotas Exact(QuotaReport report, int threshold) => Build(report, null, threshold);

    /// <summary>
    /// The public sees each district × year table (employers, places set, places filled, special workplaces)
    /// protected with its region total per year, so no withheld cell can be worked out from the totals;
    /// cells one employer dominates are withheld too. Rates need a shown base of at least k.
    /// </summary>
    public static PublishedQuotas ForPublic(QuotaReport report, DisclosurePolicy policy) => Build(report, policy ?? throw new ArgumentNullException(nameof(policy)), policy.Options.Threshold);

    /// <summary>An exact percentage for staff (one decimal); withheld only when there is no base at all.</summary>
    public static DisclosedRate ExactPercent(long numerator, long denominator) =>
        denominator > 0
            ? new DisclosedRate(Math.Round(100m * numerator / denominator, 1), 1, SuppressionReason.None)
            : new DisclosedRate(0, 1, SuppressionReason.SmallBase);

    private static PublishedQuotas Build(QuotaReport report, DisclosurePolicy? policy, int threshold)
    {
        var years = report.Years;
        var districts = report.Districts;
        var cells = districts.Select(d => years.Select(y => report.Cell(d.Code, y)).ToList()).ToList();

        var employers = Table(policy, Grid(districts.Count, years.Count, (d, y) => cells[d][y].Employers), null);
        var set = Table(policy, Grid(districts.Count, years.Count, (d, y) => cells[d][y].PlacesSet), Dominance(policy, districts.Count, years.Count, (d, y) => (cells[d][y].PlacesSet, cells[d][y].LargestPlacesSet)));
        var filled = Table(policy, Grid(districts.Count, years.Count, (d, y) => cells[d][y].PlacesFilled), Dominance(policy, districts.Count, years.Count, (d, y) => (cells[d][y].PlacesFilled, cells[d][y].LargestPlacesFilled)));

        PublishedQuotaCell Cell(DisclosedValue e, DisclosedValue s, DisclosedValue f) =>
            new(e, s, f, policy is null ? ExactPercent(f.Value ?? 0, s.Value ?? 0) : policy.Rate(f, s));

        var districtRows = districts
            .Select((d, r) => new PublishedQuotaDistrict(d, [.. years.Select((_, c) => Cell(employers.Cell(r, c), set.Cell(r, c), filled.Cell(r, c)))]))
            .ToList();
        var region = years.Select((_, c) => Cell(employers.Total(c), set.Total(c), filled.Total(c))).ToList();

        var types = Enum.GetValues<ImpairmentType>();
        var workplaces = Table(
            policy,
            Grid(types.Length, years.Count, (t, y) => report.Workplaces(types[t], years[y]).Workplaces),
            Dominance(policy, types.Length, years.Count, (t, y) => (report.Workplaces(types[t], years[y]).Workplaces, report.Workplaces(types[t], years[y]).LargestEmployerWorkplaces)));

        var pending = report.Pending;
        var pendingTable = Table(policy, Grid(pending.Count, 2, (r, c) => c == 0 ? pending[r].Applications : pending[r].Places), null);

        return new PublishedQuotas(
            policy is not null,
            threshold,
            years,
            districtRows,
            region,
            [.. types.Select((t, r) => new PublishedWorkplaceRow(t, [.. years.Select((_, c) => workplaces.Cell(r, c))]))],
            [.. years.Select((_, c) => workplaces.Total(c))],
            [.. pending.Select((p, r) => new PublishedPendingRow(p.District, p.Year, pendingTable.Cell(r, 0), pendingTable.Cell(r, 1)))],
            pendingTable.Total(0),
            pendingTable.Total(1));
    }

    private static long[,] Grid(int rows, int columns, Func<int, int, long> value)
    {
        var grid = new long[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                grid[r, c] = value(r, c);
            }
        }

        return grid;
    }

    /// <summary>Dominance flags from each cell's total and its largest employer's part (what the rule compares).</summary>
    private static bool[,]? Dominance(DisclosurePolicy? policy, int rows, int columns, Func<int, int, (long Total, long Largest)> cell)
    {
        if (policy is null)
        {
            return null;
        }

        var flags = new bool[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var (total, largest) = cell(r, c);
                flags[r, c] = policy.IsDominated([largest, total - largest]);
            }
        }

        return flags;
    }

    private static ProtectedGrid Table(DisclosurePolicy? policy, long[,] cells, bool[,]? dominated) =>
        new(cells, policy?.Protect(cells, rowTotals: false, columnTotals: true, dominated));

    /// <summary>A grid with a total per column: the protected table for the public, the exact values for staff.</summary>
    private sealed class ProtectedGrid(long[,] cells, DisclosedTable? table)
    {
        public DisclosedValue Cell(int row, int column) => table?.Cell(row, column) ?? DisclosedValue.Shown(cells[row, column]);

        public DisclosedValue Total(int column)
        {
            if (table is not null)
            {
                return table.ColumnTotal(column);
            }

            long sum = 0;
            for (var r = 0; r < cells.GetLength(0); r++)
            {
                sum += cells[r, column];
            }

            return DisclosedValue.Shown(sum);
        }
    }
}
