namespace EmploymentDashboard.Data.Disclosure;

/// <summary>A table of counts after the disclosure policy: every cell and shown total, with its value or why it is withheld.</summary>
public sealed class DisclosedTable
{
    // The cells, with the row totals as an extra last column and the column totals as an extra last row
    // (the grand total in the corner): the same layout the suppression works on.
    private readonly DisclosedValue[,] _grid;

    internal DisclosedTable(DisclosedValue[,] grid, int rowCount, int columnCount, bool hasRowTotals, bool hasColumnTotals, DisclosureOptions options)
    {
        _grid = grid;
        RowCount = rowCount;
        ColumnCount = columnCount;
        HasRowTotals = hasRowTotals;
        HasColumnTotals = hasColumnTotals;
        Options = options;
    }

    public int RowCount { get; }

    public int ColumnCount { get; }

    /// <summary>Whether each row has a total (a total column at the end of the rows).</summary>
    public bool HasRowTotals { get; }

    /// <summary>Whether each column has a total (a total row at the bottom).</summary>
    public bool HasColumnTotals { get; }

    /// <summary>The options the table was protected with; displays need their threshold.</summary>
    public DisclosureOptions Options { get; }

    /// <summary>The grand total, present when both row and column totals are.</summary>
    public DisclosedValue GrandTotal => HasRowTotals && HasColumnTotals
        ? _grid[RowCount, ColumnCount]
        : throw new InvalidOperationException("The table has a grand total only when it has both row and column totals.");

    public DisclosedValue Cell(int row, int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, ColumnCount);
        return _grid[row, column];
    }

    public DisclosedValue RowTotal(int row)
    {
        if (!HasRowTotals)
        {
            throw new InvalidOperationException("The table has no row totals.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
        return _grid[row, ColumnCount];
    }

    public DisclosedValue ColumnTotal(int column)
    {
        if (!HasColumnTotals)
        {
            throw new InvalidOperationException("The table has no column totals.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, ColumnCount);
        return _grid[RowCount, column];
    }

    /// <summary>The text of a cell or total, as <see cref="DisclosedValue.Display"/> gives it with this table's threshold.</summary>
    public string Display(DisclosedValue value, IFormatProvider culture) => value.Display(culture, Options.Threshold);
}
