using EmploymentDashboard.Data.Disclosure;

namespace EmploymentDashboard.Tests.Disclosure;

/// <summary>One random table as the property tests see it: the input, the options and the protected result.</summary>
public sealed record ProtectedCase(int Seed, long[,] Cells, bool RowTotals, bool ColumnTotals, int Threshold, bool[,]? Dominated, DisclosedTable Table)
{
    public override string ToString()
    {
        var rows = Enumerable.Range(0, Cells.GetLength(0))
            .Select(r => "[" + string.Join(", ", Enumerable.Range(0, Cells.GetLength(1)).Select(c => Cells[r, c] + (Dominated?[r, c] == true ? "d" : ""))) + "]");
        return $"seed {Seed}, k = {Threshold}, rowTotals = {RowTotals}, columnTotals = {ColumnTotals}, cells = [{string.Join(", ", rows)}]";
    }
}

/// <summary>
/// 2,000 random tables from 1×1 to 8×8, each protected with all four combinations of totals: mixes of zeros, small and
/// large counts in varying proportions, several thresholds, and some cells flagged as dominated. Built once per run.
/// </summary>
public sealed class RandomProtectedTables
{
    public const int TableCount = 2000;

    public RandomProtectedTables()
    {
        var cases = new List<ProtectedCase>(TableCount * 4);
        for (var seed = 0; seed < TableCount; seed++)
        {
            var (cells, threshold, dominated) = Generate(seed, allowSmall: true);
            var policy = new DisclosurePolicy(new DisclosureOptions { Threshold = threshold });
            foreach (var (rowTotals, columnTotals) in TotalsCombinations)
            {
                cases.Add(new ProtectedCase(seed, cells, rowTotals, columnTotals, threshold, dominated, policy.Protect(cells, rowTotals, columnTotals, dominated)));
            }
        }

        Cases = cases;
    }

    public static IReadOnlyList<(bool RowTotals, bool ColumnTotals)> TotalsCombinations { get; } = [(false, false), (true, false), (false, true), (true, true)];

    public IReadOnlyList<ProtectedCase> Cases { get; }

    /// <summary>A random table; without <paramref name="allowSmall"/> no cell is from 1 to k − 1 and none is flagged.</summary>
    public static (long[,] Cells, int Threshold, bool[,]? Dominated) Generate(int seed, bool allowSmall)
    {
        int[] thresholds = [2, 3, 5, 5, 10];
        var random = new Random(seed);
        var (rows, columns) = (random.Next(1, 9), random.Next(1, 9));
        var threshold = thresholds[random.Next(thresholds.Length)];
        var zeroShare = random.NextDouble() * 0.5;
        var smallShare = allowSmall ? random.NextDouble() * 0.5 : 0;
        var largeSpread = random.Next(2) == 0 ? 20 : 2000;
        var flagged = allowSmall && random.Next(10) == 0;

        var cells = new long[rows, columns];
        var dominated = flagged ? new bool[rows, columns] : null;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var draw = random.NextDouble();
                cells[r, c] = draw < zeroShare ? 0
                    : draw < zeroShare + smallShare ? random.Next(1, threshold)
                    : random.Next(threshold, threshold + largeSpread);
                if (dominated is not null)
                {
                    dominated[r, c] = cells[r, c] > 0 && random.Next(6) == 0;
                }
            }
        }

        return (cells, threshold, dominated);
    }
}
