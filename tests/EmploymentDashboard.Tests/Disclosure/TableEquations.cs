using System.Numerics;
using EmploymentDashboard.Data.Disclosure;

namespace EmploymentDashboard.Tests.Disclosure;

/// <summary>
/// The test's own view of a published table, independent of the library's algorithm: true values with totals, the
/// equations the shown totals make, and which withheld figures those equations fix (exact integer elimination).
/// </summary>
/// <remarks>Layout: cells, then row totals as a last column and column totals as a last row (grand total in the corner).</remarks>
internal static class TableEquations
{
    public static long[,] TrueValuesWithTotals(long[,] cells, bool rowTotals, bool columnTotals)
    {
        var (rows, columns) = (cells.GetLength(0), cells.GetLength(1));
        var values = new long[rows + (columnTotals ? 1 : 0), columns + (rowTotals ? 1 : 0)];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                values[r, c] = cells[r, c];
            }
        }

        if (rowTotals)
        {
            for (var r = 0; r < rows; r++)
            {
                values[r, columns] = Enumerable.Range(0, columns).Sum(c => cells[r, c]);
            }
        }

        if (columnTotals)
        {
            for (var c = 0; c < columns; c++)
            {
                values[rows, c] = Enumerable.Range(0, rows).Sum(r => cells[r, c]);
            }
        }

        if (rowTotals && columnTotals)
        {
            values[rows, columns] = cells.Cast<long>().Sum();
        }

        return values;
    }

    /// <summary>The published table in the same layout, read through the public accessors only.</summary>
    public static DisclosedValue[,] Published(DisclosedTable table)
    {
        var (rows, columns) = (table.RowCount, table.ColumnCount);
        var published = new DisclosedValue[rows + (table.HasColumnTotals ? 1 : 0), columns + (table.HasRowTotals ? 1 : 0)];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                published[r, c] = table.Cell(r, c);
            }

            if (table.HasRowTotals)
            {
                published[r, columns] = table.RowTotal(r);
            }
        }

        if (table.HasColumnTotals)
        {
            for (var c = 0; c < columns; c++)
            {
                published[rows, c] = table.ColumnTotal(c);
            }
        }

        if (table.HasRowTotals && table.HasColumnTotals)
        {
            published[rows, columns] = table.GrandTotal;
        }

        return published;
    }

    /// <summary>Every equation "sum of a line − its total = 0" the shown totals give, as its terms (position, coefficient).</summary>
    public static List<List<(int Row, int Column, int Coefficient)>> Equations(int rows, int columns, bool rowTotals, bool columnTotals)
    {
        var equations = new List<List<(int, int, int)>>();
        if (rowTotals)
        {
            // Each row adds up to its total; with column totals, the column totals add up to the grand total too.
            for (var r = 0; r < rows + (columnTotals ? 1 : 0); r++)
            {
                equations.Add([.. Enumerable.Range(0, columns).Select(c => (r, c, 1)), (r, columns, -1)]);
            }
        }

        if (columnTotals)
        {
            for (var c = 0; c < columns + (rowTotals ? 1 : 0); c++)
            {
                equations.Add([.. Enumerable.Range(0, rows).Select(r => (r, c, 1)), (rows, c, -1)]);
            }
        }

        return equations;
    }

    /// <summary>
    /// The withheld positions whose value the equations fix: those whose unit vector is in the row space of the equations
    /// restricted to the withheld positions. Fraction-free Gauss–Jordan elimination over BigInteger, so it is exact.
    /// </summary>
    public static List<(int Row, int Column)> Determined(bool[,] withheld, List<List<(int Row, int Column, int Coefficient)>> equations)
    {
        var unknowns = new List<(int Row, int Column)>();
        for (var r = 0; r < withheld.GetLength(0); r++)
        {
            for (var c = 0; c < withheld.GetLength(1); c++)
            {
                if (withheld[r, c])
                {
                    unknowns.Add((r, c));
                }
            }
        }

        var index = unknowns.Select((u, i) => (u, i)).ToDictionary(x => x.u, x => x.i);
        var matrix = new List<BigInteger[]>();
        foreach (var equation in equations)
        {
            var row = new BigInteger[unknowns.Count];
            foreach (var (r, c, coefficient) in equation)
            {
                if (index.TryGetValue((r, c), out var i))
                {
                    row[i] += coefficient;
                }
            }

            matrix.Add(row);
        }

        var pivotRowOf = new Dictionary<int, int>();
        var next = 0;
        for (var column = 0; column < unknowns.Count && next < matrix.Count; column++)
        {
            var pivot = Enumerable.Range(next, matrix.Count - next).FirstOrDefault(i => !matrix[i][column].IsZero, -1);
            if (pivot < 0)
            {
                continue;
            }

            (matrix[next], matrix[pivot]) = (matrix[pivot], matrix[next]);
            for (var i = 0; i < matrix.Count; i++)
            {
                if (i != next && !matrix[i][column].IsZero)
                {
                    var (a, b) = (matrix[next][column], matrix[i][column]);
                    matrix[i] = Normalised(matrix[i].Zip(matrix[next], (x, p) => (x * a) - (p * b)).ToArray());
                }
            }

            pivotRowOf[column] = next++;
        }

        // In reduced form a pivot unknown is fixed exactly when its row has no other non-zero entry (no free unknown).
        return [.. pivotRowOf
            .Where(p => matrix[p.Value].Count(x => !x.IsZero) == 1)
            .Select(p => unknowns[p.Key])
            .OrderBy(u => u.Row).ThenBy(u => u.Column)];
    }

    private static BigInteger[] Normalised(BigInteger[] row)
    {
        var gcd = row.Aggregate(BigInteger.Zero, BigInteger.GreatestCommonDivisor);
        return gcd > 1 ? [.. row.Select(x => x / gcd)] : row;
    }
}
