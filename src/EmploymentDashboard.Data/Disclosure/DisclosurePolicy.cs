namespace EmploymentDashboard.Data.Disclosure;

/// <summary>The disclosure policy applied to every aggregate before it reaches a public audience.</summary>
public sealed class DisclosurePolicy(DisclosureOptions options)
{
    /// <summary>The policy with <see cref="DisclosureOptions.Default"/>.</summary>
    public static DisclosurePolicy Default { get; } = new(DisclosureOptions.Default);

    public DisclosureOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>A standalone count: withheld when from 1 to k − 1; a true zero is shown, as it identifies nobody.</summary>
    public DisclosedValue Count(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return IsSmall(value) ? DisclosedValue.Suppressed(SuppressionReason.SmallCount) : DisclosedValue.Shown(value);
    }

    /// <summary>
    /// Protects a rows × columns table of counts whose totals are computed here from the true values: a total column
    /// when <paramref name="rowTotals"/>, a total row when <paramref name="columnTotals"/>, and a grand total with both.
    /// </summary>
    /// <remarks>
    /// Counts from 1 to k − 1 (cells or totals) and the non-zero cells flagged in <paramref name="dominated"/> (see
    /// <see cref="IsDominated"/>) are withheld; then complementary figures, cells or totals, are withheld until no withheld
    /// figure can be worked out exactly by adding and subtracting the figures shown. Complements are the cheapest figures
    /// that do it: non-zero before zero, then the smallest sum. A true zero is in fact never withheld, as the figures
    /// withheld first are non-zero and a non-zero figure always has a way around it through other non-zero figures.
    /// A one-dimensional list with a total is a table with one column and <paramref name="columnTotals"/>.
    /// </remarks>
    public DisclosedTable Protect(long[,] cells, bool rowTotals, bool columnTotals, bool[,]? dominated = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var rows = cells.GetLength(0);
        var columns = cells.GetLength(1);
        if (dominated is not null && (dominated.GetLength(0) != rows || dominated.GetLength(1) != columns))
        {
            throw new ArgumentException("The dominance flags must have the shape of the cells.", nameof(dominated));
        }

        var height = rows + (columnTotals ? 1 : 0);
        var width = columns + (rowTotals ? 1 : 0);
        var values = new long[height, width];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var value = cells[r, c];
                if (value < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(cells), value, $"Counts cannot be negative (row {r}, column {c}).");
                }

                // A zero has no contributor to dominate; a flag there is a caller's mistake, and would withhold a zero.
                if (value == 0 && dominated?[r, c] == true)
                {
                    throw new ArgumentException($"A zero cell cannot be dominated (row {r}, column {c}).", nameof(dominated));
                }

                values[r, c] = value;
                if (rowTotals)
                {
                    values[r, columns] = checked(values[r, columns] + value);
                }

                if (columnTotals)
                {
                    values[rows, c] = checked(values[rows, c] + value);
                }

                if (rowTotals && columnTotals)
                {
                    values[rows, columns] = checked(values[rows, columns] + value);
                }
            }
        }

        var reasons = new SuppressionReason[height, width];
        for (var r = 0; r < height; r++)
        {
            for (var c = 0; c < width; c++)
            {
                if (IsSmall(values[r, c]))
                {
                    reasons[r, c] = SuppressionReason.SmallCount;
                }
                else if (r < rows && c < columns && dominated?[r, c] == true)
                {
                    reasons[r, c] = SuppressionReason.Dominance;
                }
            }
        }

        CellSuppression.AddComplements(values, reasons, rowTotals, columnTotals);

        var grid = new DisclosedValue[height, width];
        for (var r = 0; r < height; r++)
        {
            for (var c = 0; c < width; c++)
            {
                grid[r, c] = reasons[r, c] == SuppressionReason.None ? DisclosedValue.Shown(values[r, c]) : DisclosedValue.Suppressed(reasons[r, c]);
            }
        }

        return new DisclosedTable(grid, rows, columns, rowTotals, columnTotals, Options);
    }

    /// <summary>
    /// <paramref name="per"/> × numerator / denominator (a percentage by default), rounded to <paramref name="decimals"/>.
    /// Computed only from shown figures, and only on a base of at least k: otherwise withheld, with
    /// <see cref="SuppressionReason.SmallBase"/> for an unusable base, else the numerator's reason.
    /// </summary>
    public DisclosedRate Rate(DisclosedValue numerator, DisclosedValue denominator, int decimals = 1, decimal per = 100m)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 28);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(per);
        if (denominator.Value is not { } baseValue || baseValue < Options.Threshold)
        {
            return new DisclosedRate(0, decimals, SuppressionReason.SmallBase);
        }

        if (numerator.Value is not { } part)
        {
            return new DisclosedRate(0, decimals, numerator.Reason);
        }

        // Rounded like the other percentages of the dashboard (Math.Round's default), so figures agree across a page.
        return new DisclosedRate(Math.Round(per * part / baseValue, decimals), decimals, SuppressionReason.None);
    }

    /// <summary>
    /// Dominance rule for a cell with known contributors (employers): sensitive when the largest contributes more than
    /// <see cref="DisclosureOptions.DominanceShare"/> of the cell total. A cell with one non-zero contributor always is;
    /// an empty or zero cell never is. Pass the flags to <see cref="Protect"/>.
    /// </summary>
    public bool IsDominated(IEnumerable<long> contributions)
    {
        ArgumentNullException.ThrowIfNull(contributions);
        long total = 0;
        long largest = 0;
        foreach (var contribution in contributions)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(contribution, nameof(contributions));
            total = checked(total + contribution);
            largest = Math.Max(largest, contribution);
        }

        // decimal, so 0.85 of a total is compared exactly rather than through binary floating point.
        return total > 0 && largest > (decimal)Options.DominanceShare * total;
    }

    private bool IsSmall(long value) => value >= 1 && value < Options.Threshold;
}
