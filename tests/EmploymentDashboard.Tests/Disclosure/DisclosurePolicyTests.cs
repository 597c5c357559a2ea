using System.Globalization;
using EmploymentDashboard.Data.Disclosure;

namespace EmploymentDashboard.Tests.Disclosure;

public sealed class DisclosurePolicyTests
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static DisclosurePolicy WithThreshold(int threshold) => new(new DisclosureOptions { Threshold = threshold });

    private static void AssertNothingCanBeWorkedOut(DisclosedTable table)
    {
        var published = TableEquations.Published(table);
        var withheld = new bool[published.GetLength(0), published.GetLength(1)];
        for (var r = 0; r < withheld.GetLength(0); r++)
        {
            for (var c = 0; c < withheld.GetLength(1); c++)
            {
                withheld[r, c] = published[r, c].IsSuppressed;
            }
        }

        Assert.Empty(TableEquations.Determined(withheld, TableEquations.Equations(table.RowCount, table.ColumnCount, table.HasRowTotals, table.HasColumnTotals)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Counts_from_1_to_k_minus_1_are_withheld_and_shown_as_less_than_k(long count)
    {
        var value = DisclosurePolicy.Default.Count(count);

        Assert.True(value.IsSuppressed);
        Assert.Null(value.Value);
        Assert.Equal(SuppressionReason.SmallCount, value.Reason);
        Assert.Equal("<5", value.Display(Invariant, DisclosurePolicy.Default.Options.Threshold));
    }

    [Fact]
    public void A_true_zero_is_shown_as_0()
    {
        var value = DisclosurePolicy.Default.Count(0);

        Assert.False(value.IsSuppressed);
        Assert.Equal(0, value.Value);
        Assert.Equal("0", value.Display(Invariant, 5));
    }

    [Theory]
    [InlineData(5, "5")]
    [InlineData(6, "6")]
    [InlineData(1_234_567, "1,234,567")]
    public void Counts_of_k_or_more_are_shown(long count, string text)
    {
        var value = DisclosurePolicy.Default.Count(count);

        Assert.Equal(SuppressionReason.None, value.Reason);
        Assert.Equal(count, value.Value);
        Assert.Equal(text, value.Display(Invariant, 5));
    }

    [Fact]
    public void Counts_are_displayed_in_the_page_culture()
    {
        var russian = CultureInfo.GetCultureInfo("ru-RU");
        var separator = russian.NumberFormat.NumberGroupSeparator;

        Assert.Equal($"12{separator}345", DisclosurePolicy.Default.Count(12_345).Display(russian, 5));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    public void The_threshold_is_configurable(int threshold)
    {
        var policy = WithThreshold(threshold);

        Assert.Equal(SuppressionReason.SmallCount, policy.Count(threshold - 1).Reason);
        Assert.Equal($"<{threshold}", policy.Count(threshold - 1).Display(Invariant, threshold));
        Assert.Equal(threshold, policy.Count(threshold).Value);
        Assert.Equal(0, policy.Count(0).Value);
    }

    [Fact]
    public void Options_outside_their_range_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DisclosureOptions { Threshold = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new DisclosureOptions { DominanceShare = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new DisclosureOptions { DominanceShare = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new DisclosureOptions { DominanceShare = double.NaN });
        Assert.Equal(5, DisclosureOptions.Default.Threshold);
        Assert.Equal(0.85, DisclosureOptions.Default.DominanceShare);
    }

    [Fact]
    public void Negative_counts_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DisclosurePolicy.Default.Count(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DisclosurePolicy.Default.Protect(new long[,] { { 7, -1 } }, true, true));
        Assert.Throws<ArgumentOutOfRangeException>(() => DisclosedValue.Shown(-1));
    }

    [Fact]
    public void A_table_without_small_counts_is_published_unchanged()
    {
        long[,] cells = { { 12, 0, 40 }, { 5, 7, 0 } };

        var table = DisclosurePolicy.Default.Protect(cells, rowTotals: true, columnTotals: true);

        for (var r = 0; r < 2; r++)
        {
            for (var c = 0; c < 3; c++)
            {
                Assert.Equal(DisclosedValue.Shown(cells[r, c]), table.Cell(r, c));
            }
        }

        Assert.Equal([52L, 12L], [table.RowTotal(0).Value!.Value, table.RowTotal(1).Value!.Value]);
        Assert.Equal([17L, 7L, 40L], [table.ColumnTotal(0).Value!.Value, table.ColumnTotal(1).Value!.Value, table.ColumnTotal(2).Value!.Value]);
        Assert.Equal(64, table.GrandTotal.Value);
    }

    [Fact]
    public void A_small_count_in_a_list_with_a_total_gets_the_smallest_non_zero_count_as_complement()
    {
        // Districts in one column with the region total under it.
        long[,] districts = { { 12 }, { 3 }, { 40 }, { 9 }, { 0 }, { 7 } };

        var table = DisclosurePolicy.Default.Protect(districts, rowTotals: false, columnTotals: true);

        Assert.Equal("<5", table.Display(table.Cell(1, 0), Invariant));
        Assert.Equal(SuppressionReason.Complementary, table.Cell(5, 0).Reason);
        Assert.Equal(DisclosedValue.ConfidentialMarker, table.Display(table.Cell(5, 0), Invariant));
        Assert.Equal([12L, 40L, 9L, 0L], new[] { 0, 2, 3, 4 }.Select(r => table.Cell(r, 0).Value!.Value));
        Assert.Equal(71, table.ColumnTotal(0).Value);
    }

    [Fact]
    public void Equal_candidates_for_a_complement_go_to_the_first()
    {
        var table = DisclosurePolicy.Default.Protect(new long[,] { { 30, 2, 8, 8 } }, rowTotals: true, columnTotals: false);

        Assert.Equal(SuppressionReason.Complementary, table.Cell(0, 2).Reason);
        Assert.False(table.Cell(0, 3).IsSuppressed);
        Assert.Equal(48, table.RowTotal(0).Value);
    }

    [Fact]
    public void Small_counts_of_one_line_protect_each_other()
    {
        var table = DisclosurePolicy.Default.Protect(new long[,] { { 3, 4, 50 } }, rowTotals: true, columnTotals: false);

        Assert.Equal([SuppressionReason.SmallCount, SuppressionReason.SmallCount, SuppressionReason.None], Enumerable.Range(0, 3).Select(c => table.Cell(0, c).Reason));
        Assert.Equal(57, table.RowTotal(0).Value);
    }

    [Fact]
    public void A_total_from_1_to_k_minus_1_is_withheld()
    {
        var table = DisclosurePolicy.Default.Protect(new long[,] { { 1, 0, 2 }, { 20, 6, 9 } }, rowTotals: true, columnTotals: false);

        Assert.Equal(SuppressionReason.SmallCount, table.RowTotal(0).Reason);
        Assert.Equal(0, table.Cell(0, 1).Value);
        Assert.Equal(35, table.RowTotal(1).Value);
    }

    [Fact]
    public void Zeros_stay_shown_and_a_total_is_withheld_when_only_zeros_would_otherwise_do()
    {
        // The 3 fixes its row and column totals (both 3, so withheld too); the cycle that protects them has to cross
        // the zeros or the grand total, and the grand total is the cheaper loss.
        var table = DisclosurePolicy.Default.Protect(new long[,] { { 3, 0 }, { 0, 10 } }, rowTotals: true, columnTotals: true);

        Assert.Equal(SuppressionReason.Complementary, table.GrandTotal.Reason);
        Assert.Equal([0L, 0L, 10L], new[] { table.Cell(0, 1), table.Cell(1, 0), table.Cell(1, 1) }.Select(v => v.Value!.Value));
        Assert.Equal(10, table.RowTotal(1).Value);
        Assert.Equal(10, table.ColumnTotal(1).Value);
        AssertNothingCanBeWorkedOut(table);
    }

    [Fact]
    public void A_small_count_that_only_a_combination_of_lines_reveals_gets_complements()
    {
        // Every line has two withheld counts or more, yet row 0 + row 1 − column 0 − column 1 leaves the 2 alone.
        long[,] cells = { { 1, 1, 2, 60 }, { 1, 1, 70, 80 }, { 90, 100, 1, 1 }, { 110, 120, 1, 1 } };

        var table = DisclosurePolicy.Default.Protect(cells, rowTotals: true, columnTotals: true);

        Assert.Equal(SuppressionReason.SmallCount, table.Cell(0, 2).Reason);
        Assert.Contains(TableEquations.Published(table).Cast<DisclosedValue>(), v => v.Reason == SuppressionReason.Complementary);
        AssertNothingCanBeWorkedOut(table);
    }

    [Fact]
    public void Complementary_figures_show_the_confidential_marker_not_less_than_k()
    {
        var table = DisclosurePolicy.Default.Protect(new long[,] { { 2, 950 } }, rowTotals: true, columnTotals: false);

        Assert.Equal("<5", table.Display(table.Cell(0, 0), Invariant));
        Assert.Equal("c", table.Display(table.Cell(0, 1), Invariant));
        Assert.Equal("952", table.Display(table.RowTotal(0), Invariant));
    }

    [Fact]
    public void A_table_without_totals_only_withholds_small_counts()
    {
        var table = DisclosurePolicy.Default.Protect(new long[,] { { 2, 950 }, { 0, 6 } }, rowTotals: false, columnTotals: false);

        Assert.Equal(SuppressionReason.SmallCount, table.Cell(0, 0).Reason);
        Assert.Equal([950L, 0L, 6L], new[] { table.Cell(0, 1), table.Cell(1, 0), table.Cell(1, 1) }.Select(v => v.Value!.Value));
    }

    [Fact]
    public void Empty_tables_are_protected()
    {
        var none = DisclosurePolicy.Default.Protect(new long[0, 0], rowTotals: true, columnTotals: true);
        var noRows = DisclosurePolicy.Default.Protect(new long[0, 3], rowTotals: true, columnTotals: true);
        var noColumns = DisclosurePolicy.Default.Protect(new long[2, 0], rowTotals: true, columnTotals: false);

        Assert.Equal((0, 0), (none.RowCount, none.ColumnCount));
        Assert.Equal(0, none.GrandTotal.Value);
        Assert.Equal(0, noRows.ColumnTotal(2).Value);
        Assert.Equal(0, noRows.GrandTotal.Value);
        Assert.Equal(0, noColumns.RowTotal(1).Value);
    }

    [Fact]
    public void Figures_the_table_does_not_have_are_rejected()
    {
        var table = DisclosurePolicy.Default.Protect(new long[,] { { 7, 8 } }, rowTotals: true, columnTotals: false);

        Assert.Throws<ArgumentOutOfRangeException>(() => table.Cell(0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Cell(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.RowTotal(1));
        Assert.Throws<InvalidOperationException>(() => table.ColumnTotal(0));
        Assert.Throws<InvalidOperationException>(() => table.GrandTotal);
    }

    [Theory]
    [InlineData(new long[] { 86, 14 }, true)]
    [InlineData(new long[] { 85, 15 }, false)]
    [InlineData(new long[] { 50, 30, 20 }, false)]
    [InlineData(new long[] { 7 }, true)]
    [InlineData(new long[] { 7, 0, 0 }, true)]
    [InlineData(new long[] { 0, 0 }, false)]
    [InlineData(new long[0], false)]
    public void A_cell_is_dominated_when_its_largest_contributor_makes_up_more_than_the_share(long[] contributions, bool dominated)
    {
        Assert.Equal(dominated, DisclosurePolicy.Default.IsDominated(contributions));
    }

    [Fact]
    public void The_dominance_share_is_configurable()
    {
        var policy = new DisclosurePolicy(new DisclosureOptions { DominanceShare = 0.5 });

        Assert.True(policy.IsDominated([51, 49]));
        Assert.False(policy.IsDominated([50, 50]));
        Assert.Throws<ArgumentOutOfRangeException>(() => policy.IsDominated([10, -1]));
    }

    [Fact]
    public void A_dominated_cell_is_withheld_with_the_confidential_marker_and_protected()
    {
        long[,] placesByEmployerSize = { { 120, 40, 9 }, { 30, 60, 8 } };
        var dominated = new bool[2, 3];
        dominated[0, 0] = DisclosurePolicy.Default.IsDominated([110, 6, 4]);

        var table = DisclosurePolicy.Default.Protect(placesByEmployerSize, rowTotals: true, columnTotals: true, dominated);

        Assert.Equal(SuppressionReason.Dominance, table.Cell(0, 0).Reason);
        Assert.Equal("c", table.Display(table.Cell(0, 0), Invariant));
        AssertNothingCanBeWorkedOut(table);
    }

    [Fact]
    public void Dominance_flags_on_zero_cells_or_of_another_shape_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => DisclosurePolicy.Default.Protect(new long[,] { { 0, 9 } }, true, false, new bool[,] { { true, false } }));
        Assert.Throws<ArgumentException>(() => DisclosurePolicy.Default.Protect(new long[,] { { 0, 9 } }, true, false, new bool[1, 3]));
    }

    [Fact]
    public void A_rate_is_computed_from_shown_figures_on_a_base_of_at_least_k()
    {
        var policy = DisclosurePolicy.Default;

        var percent = policy.Rate(policy.Count(12), policy.Count(40));
        var perThousand = policy.Rate(policy.Count(0), policy.Count(7), decimals: 2, per: 1000);

        Assert.Equal(30.0m, percent.Value);
        Assert.Equal("30.0", percent.Display(Invariant));
        Assert.Equal(0m, perThousand.Value);
        Assert.Equal("0.00", perThousand.Display(Invariant));
        Assert.Equal(33.3m, policy.Rate(policy.Count(5), policy.Count(15)).Value);
    }

    [Fact]
    public void A_rate_on_a_base_below_k_or_of_zero_is_withheld()
    {
        var policy = WithThreshold(10);

        var smallBase = policy.Rate(DisclosedValue.Shown(5), DisclosedValue.Shown(9));
        var zeroBase = policy.Rate(policy.Count(0), policy.Count(0));

        Assert.Equal(SuppressionReason.SmallBase, smallBase.Reason);
        Assert.Null(smallBase.Value);
        Assert.Equal(SuppressionReason.SmallBase, zeroBase.Reason);
        Assert.Equal("c", zeroBase.Display(Invariant));
        Assert.Equal(50.0m, policy.Rate(DisclosedValue.Shown(5), DisclosedValue.Shown(10)).Value);
    }

    [Fact]
    public void A_rate_with_a_withheld_numerator_or_base_is_withheld()
    {
        var policy = DisclosurePolicy.Default;

        var smallNumerator = policy.Rate(policy.Count(3), policy.Count(50));
        var hiddenBase = policy.Rate(policy.Count(30), DisclosedValue.Suppressed(SuppressionReason.Complementary));

        Assert.Equal(SuppressionReason.SmallCount, smallNumerator.Reason);
        Assert.Equal("c", smallNumerator.Display(Invariant));
        Assert.Equal(SuppressionReason.SmallBase, hiddenBase.Reason);
        Assert.Null(hiddenBase.Value);
    }

    [Fact]
    public void A_withheld_value_keeps_no_trace_of_the_true_value()
    {
        var table = DisclosurePolicy.Default.Protect(new long[,] { { 2, 950 } }, rowTotals: true, columnTotals: false);

        Assert.Equal(DisclosedValue.Suppressed(SuppressionReason.Complementary), table.Cell(0, 1));
        Assert.Equal(DisclosedValue.Shown(0), default);
    }
}
