using System.Globalization;
using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Data.Tables;

namespace EmploymentDashboard.Tests.Disclosure;

/// <summary>The one disclosure step: counts perturbed by their cell key for the public, exact for staff; rates from published figures.</summary>
public sealed class DisclosurePolicyTests
{
    private static readonly DisclosurePolicy Policy = DisclosurePolicy.Default;

    private static KeyedCount Count(long value, Random keys) => new(value, Enumerable.Range(0, (int)Math.Min(value, 50)).Sum(_ => keys.NextInt64(RecordKeys.Range)));

    [Fact]
    public void No_published_count_is_from_1_to_k_minus_1_nor_negative_nor_further_than_D_from_the_truth()
    {
        var keys = new Random(9);
        for (var value = 0L; value < 60; value++)
        {
            for (var i = 0; i < 300; i++)
            {
                var published = Policy.Count(Count(value, keys)).Value!.Value;
                Assert.True(published == 0 || published >= Policy.Threshold, $"{value} was published as {published}");
                Assert.InRange(published, Math.Max(0, value - Policy.Table.Parameters.MaxNoise), value + Policy.Table.Parameters.MaxNoise);
            }
        }
    }

    [Fact]
    public void The_same_units_always_get_the_same_value_and_a_true_zero_stays_0()
    {
        var count = new KeyedCount(3, 123_456_789_012);

        Assert.Equal(Policy.Count(count), Policy.Count(count));
        Assert.Equal(0, Policy.Count(KeyedCount.Zero).Value);
    }

    [Fact]
    public void The_cell_key_is_the_key_sum_modulo_the_key_range()
    {
        Assert.Equal(0.5, new KeyedCount(1, RecordKeys.Range + (RecordKeys.Range / 2)).CellKey);
        Assert.Equal(0.0, new KeyedCount(2, 3 * RecordKeys.Range).CellKey);
        Assert.Equal(new KeyedCount(5, 7), new KeyedCount(2, 3) + new KeyedCount(3, 4));
    }

    [Fact]
    public void Staff_see_exact_counts_and_the_public_perturbed_ones_unless_released()
    {
        var count = new KeyedCount(2, 77);
        var staff = new TableAudience(IsPublic: false, Policy);
        var visitor = new TableAudience(IsPublic: true, Policy);
        var released = visitor with { Released = new HashSet<KeyedCount> { count } };

        Assert.Equal(2, staff.Count(count).Value);
        Assert.NotEqual(2, visitor.Count(count).Value);
        Assert.Equal(2, released.Count(count).Value);
        Assert.NotEqual(2, released.Count(count with { KeySum = 78 }).Value);
    }

    [Fact]
    public void A_rate_is_computed_from_the_published_figures()
    {
        var rate = Policy.Rate(DisclosedValue.Shown(12), DisclosedValue.Shown(48));

        Assert.Equal(25.0m, rate.Value);
        Assert.Equal("25.0", rate.Display(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_rate_on_a_small_base_is_withheld_as_small_base_and_on_none_as_no_base()
    {
        Assert.Equal(SuppressionReason.SmallBase, Policy.Rate(DisclosedValue.Shown(1), DisclosedValue.Shown(4)).Reason);
        Assert.Equal(SuppressionReason.NoBase, Policy.Rate(DisclosedValue.Shown(0), DisclosedValue.Shown(0)).Reason);
        Assert.Equal(SuppressionReason.NoBase, ExactRate.Of(0, 0).Reason);
        Assert.Equal("small_base", StatCell.Rate(Policy.Rate(DisclosedValue.Shown(1), DisclosedValue.Shown(4))).Flag);
        Assert.Equal("no_base", StatCell.Rate(ExactRate.Of(3, 0)).Flag);
        Assert.Equal(DisclosedValue.ConfidentialMarker, Policy.Rate(DisclosedValue.Shown(1), DisclosedValue.Shown(4)).Display(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Negative_counts_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Policy.Count(new KeyedCount(-1, 0)));
    }
}
