using EmploymentDashboard.Data.Demo;

namespace EmploymentDashboard.Tests.Data;

public sealed class ApportionmentTests
{
    [Theory]
    [InlineData(1120)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(13)]
    [InlineData(55_000)]
    public void Parts_add_up_to_the_total_and_follow_the_weights(int total)
    {
        double[] weights = [515_632, 171_893, 80_136, 43_277, 39_185, 13_000, 60_031, 17_474, 57_175, 36_025, 22_363, 31_243, 45_000];

        var parts = Apportionment.LargestRemainder(total, weights);

        Assert.Equal(total, parts.Sum());
        var sum = weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            // Largest remainder never moves a part by a whole unit or more from its exact share.
            Assert.InRange(parts[i] - (total * weights[i] / sum), -1.0, 1.0);
        }
    }

    [Fact]
    public void Ties_go_to_the_earlier_part()
    {
        Assert.Equal([1, 1, 0], Apportionment.LargestRemainder(2, [1.0, 1.0, 1.0]));
    }

    [Fact]
    public void Rejects_weights_that_cannot_be_used()
    {
        Assert.Throws<ArgumentException>(() => Apportionment.LargestRemainder(5, []));
        Assert.Throws<ArgumentException>(() => Apportionment.LargestRemainder(5, [0.0, 0.0]));
        Assert.Throws<ArgumentException>(() => Apportionment.LargestRemainder(5, [1.0, -1.0]));
    }
}

public sealed class BusinessIdentificationNumberTests
{
    [Fact]
    public void Generated_numbers_have_a_valid_check_digit()
    {
        var random = new Random(7);
        for (var i = 0; i < 1000; i++)
        {
            var bin = BusinessIdentificationNumber.Create(random);
            Assert.True(BusinessIdentificationNumber.IsValid(bin), bin);
        }
    }

    [Theory]
    [InlineData("12345678901")]
    [InlineData("1234567890123")]
    [InlineData("12345678901a")]
    [InlineData("")]
    [InlineData(null)]
    public void Malformed_numbers_are_invalid(string? bin) => Assert.False(BusinessIdentificationNumber.IsValid(bin));

    [Fact]
    public void A_changed_digit_is_detected()
    {
        var bin = BusinessIdentificationNumber.Create(new Random(3));
        var changed = bin[..4] + (char)('0' + ((bin[4] - '0' + 1) % 10)) + bin[5..];
        Assert.False(BusinessIdentificationNumber.IsValid(changed));
    }
}
