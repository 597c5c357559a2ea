using EmploymentDashboard.Data.Disclosure;

namespace EmploymentDashboard.Tests.Disclosure;

/// <summary>Properties every protected table must have, checked over <see cref="RandomProtectedTables"/>.</summary>
public sealed class SuppressionPropertyTests(RandomProtectedTables tables) : IClassFixture<RandomProtectedTables>
{
    [Fact]
    public void No_published_cell_or_total_is_between_1_and_k_minus_1()
    {
        foreach (var t in tables.Cases)
        {
            foreach (var value in TableEquations.Published(t.Table))
            {
                if (value.Value is { } shown && shown >= 1 && shown < t.Threshold)
                {
                    Assert.Fail($"{shown} is published in {t}");
                }
            }
        }
    }

    [Fact]
    public void Every_published_figure_is_the_true_value_and_published_zeros_stay_0()
    {
        foreach (var t in tables.Cases)
        {
            var truth = TableEquations.TrueValuesWithTotals(t.Cells, t.RowTotals, t.ColumnTotals);
            var published = TableEquations.Published(t.Table);
            Assert.Equal(truth.GetLength(0), published.GetLength(0));
            Assert.Equal(truth.GetLength(1), published.GetLength(1));
            ForEach(truth, (r, c) =>
            {
                if (!published[r, c].IsSuppressed && published[r, c].Value != truth[r, c])
                {
                    Assert.Fail($"({r}, {c}) is published as {published[r, c].Value} instead of {truth[r, c]} in {t}");
                }
            });
        }
    }

    [Fact]
    public void Figures_are_withheld_exactly_when_small_or_dominated_or_as_complements()
    {
        foreach (var t in tables.Cases)
        {
            var truth = TableEquations.TrueValuesWithTotals(t.Cells, t.RowTotals, t.ColumnTotals);
            var published = TableEquations.Published(t.Table);
            ForEach(truth, (r, c) =>
            {
                var small = truth[r, c] >= 1 && truth[r, c] < t.Threshold;
                var flagged = r < t.Cells.GetLength(0) && c < t.Cells.GetLength(1) && t.Dominated?[r, c] == true;
                var expected = small ? SuppressionReason.SmallCount
                    : flagged ? SuppressionReason.Dominance
                    : published[r, c].IsSuppressed ? SuppressionReason.Complementary : SuppressionReason.None;
                Assert.True(expected == published[r, c].Reason, $"({r}, {c}) is {published[r, c].Reason}, expected {expected}, in {t}");
            });
        }
    }

    [Fact]
    public void No_line_with_a_total_shown_has_exactly_one_withheld_figure()
    {
        // The simple necessary condition, independent of any solver: one unknown in a line is its total minus the rest.
        foreach (var t in tables.Cases)
        {
            var published = TableEquations.Published(t.Table);
            foreach (var equation in TableEquations.Equations(t.Table.RowCount, t.Table.ColumnCount, t.RowTotals, t.ColumnTotals))
            {
                if (equation.Count(term => published[term.Row, term.Column].IsSuppressed) == 1)
                {
                    Assert.Fail($"A line has one withheld figure, at {equation.First(term => published[term.Row, term.Column].IsSuppressed)}, in {t}");
                }
            }
        }
    }

    [Fact]
    public void No_withheld_figure_can_be_worked_out_from_the_totals_shown()
    {
        foreach (var t in tables.Cases)
        {
            var published = TableEquations.Published(t.Table);
            var withheld = new bool[published.GetLength(0), published.GetLength(1)];
            ForEach(published, (r, c) => withheld[r, c] = published[r, c].IsSuppressed);

            var determined = TableEquations.Determined(withheld, TableEquations.Equations(t.Table.RowCount, t.Table.ColumnCount, t.RowTotals, t.ColumnTotals));

            Assert.True(determined.Count == 0, $"{string.Join(", ", determined)} can be worked out in {t}");
        }
    }

    [Fact]
    public void Zeros_are_never_withheld()
    {
        foreach (var t in tables.Cases)
        {
            var truth = TableEquations.TrueValuesWithTotals(t.Cells, t.RowTotals, t.ColumnTotals);
            var published = TableEquations.Published(t.Table);
            ForEach(truth, (r, c) => Assert.True(truth[r, c] != 0 || published[r, c].Value == 0, $"A zero at ({r}, {c}) is withheld in {t}"));
        }
    }

    [Fact]
    public void The_library_and_the_test_solver_agree_on_which_withheld_figures_are_fixed()
    {
        // Random patterns of withheld figures, not only protected ones, so both directions of the agreement are tried.
        var random = new Random(20260);
        for (var i = 0; i < RandomProtectedTables.TableCount; i++)
        {
            var (height, width) = (random.Next(1, 10), random.Next(1, 10));
            var (rowTotals, columnTotals) = RandomProtectedTables.TotalsCombinations[random.Next(4)];
            var share = random.NextDouble();
            var withheld = new bool[height, width];
            var reasons = new SuppressionReason[height, width];
            ForEach(withheld, (r, c) =>
            {
                withheld[r, c] = random.NextDouble() < share;
                reasons[r, c] = withheld[r, c] ? SuppressionReason.SmallCount : SuppressionReason.None;
            });
            var (rows, columns) = (height - (columnTotals ? 1 : 0), width - (rowTotals ? 1 : 0));

            var expected = TableEquations.Determined(withheld, TableEquations.Equations(rows, columns, rowTotals, columnTotals));
            var actual = CellSuppression.Determined(new long[height, width], reasons, rowTotals, columnTotals);

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void A_table_without_small_counts_is_published_unchanged()
    {
        for (var seed = 0; seed < RandomProtectedTables.TableCount; seed++)
        {
            var (cells, threshold, _) = RandomProtectedTables.Generate(seed, allowSmall: false);
            var policy = new DisclosurePolicy(new DisclosureOptions { Threshold = threshold });
            foreach (var (rowTotals, columnTotals) in RandomProtectedTables.TotalsCombinations)
            {
                var truth = TableEquations.TrueValuesWithTotals(cells, rowTotals, columnTotals);
                var published = TableEquations.Published(policy.Protect(cells, rowTotals, columnTotals));
                ForEach(truth, (r, c) => Assert.Equal(DisclosedValue.Shown(truth[r, c]), published[r, c]));
            }
        }
    }

    [Fact]
    public void The_same_table_is_always_protected_the_same_way()
    {
        foreach (var t in tables.Cases)
        {
            var copy = (long[,])t.Cells.Clone();
            var again = new DisclosurePolicy(new DisclosureOptions { Threshold = t.Threshold })
                .Protect(copy, t.RowTotals, t.ColumnTotals, (bool[,]?)t.Dominated?.Clone());

            Assert.Equal(t.Cells, copy);
            Assert.Equal(TableEquations.Published(t.Table), TableEquations.Published(again));
        }
    }

    private static void ForEach<T>(T[,] grid, Action<int, int> action)
    {
        for (var r = 0; r < grid.GetLength(0); r++)
        {
            for (var c = 0; c < grid.GetLength(1); c++)
            {
                action(r, c);
            }
        }
    }
}
