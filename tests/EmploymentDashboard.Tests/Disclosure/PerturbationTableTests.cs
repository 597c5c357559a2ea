using System.Globalization;
using EmploymentDashboard.Data.Disclosure;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Disclosure;

/// <summary>The p-table kept in the repository (Disclosure/ptable.csv): its properties, read from the file itself.</summary>
public sealed class PerturbationTableTests
{
    private static PerturbationTable FromFile()
    {
        using var reader = new StreamReader(RepositoryFiles.PathOf("src", "EmploymentDashboard.Data", "Disclosure", "ptable.csv"));
        return PerturbationTable.Read(reader);
    }

    [Fact]
    public void The_file_states_its_parameters_and_they_are_the_documented_ones()
    {
        var table = FromFile();

        Assert.Equal(new PerturbationParameters(5, 5, 2.0), table.Parameters);
        Assert.Equal(PerturbationParameters.Default, table.Parameters);
        Assert.Equal(table.Parameters.LastRow + 1, table.Rows.Count);
    }

    [Fact]
    public void Every_row_sums_to_1_and_no_noise_exceeds_D()
    {
        var table = FromFile();

        foreach (var (row, value) in table.Rows.Select((r, i) => (r, i)))
        {
            Assert.Equal(1.0, row.Sum(x => x.Probability), 9);
            Assert.All(row, x => Assert.InRange(x.Noise, -table.Parameters.MaxNoise, table.Parameters.MaxNoise));
            Assert.All(row, x => Assert.True(x.Probability > 0, $"row {value} lists noise {x.Noise} with probability 0"));
        }
    }

    [Fact]
    public void Every_row_has_zero_mean_and_rows_from_k_on_have_the_stated_variance()
    {
        var table = FromFile();

        foreach (var (row, value) in table.Rows.Select((r, i) => (r, i)))
        {
            var mean = row.Sum(x => x.Noise * x.Probability);
            Assert.True(Math.Abs(mean) < 1e-9, $"row {value} has mean {mean}");
            if (value >= table.Parameters.Threshold)
            {
                var variance = row.Sum(x => x.Noise * x.Noise * x.Probability);
                Assert.True(Math.Abs(variance - table.Parameters.Variance) < 1e-9, $"row {value} has variance {variance}");
            }
        }
    }

    [Fact]
    public void No_output_is_negative_or_from_1_to_k_minus_1_and_zero_stays_zero()
    {
        var table = FromFile();
        var k = table.Parameters.Threshold;

        Assert.Equal([(0, 1.0)], table.Rows[0]);
        foreach (var (row, value) in table.Rows.Select((r, i) => (r, i)))
        {
            foreach (var (noise, _) in row)
            {
                var published = value + noise;
                Assert.True(published == 0 || published >= k, $"row {value} can publish {published}");
            }
        }

        // Every small true value can be published as 0 and as k or more: a published 0 or k does not say which.
        foreach (var value in Enumerable.Range(1, k - 1))
        {
            Assert.Contains(table.Rows[value], x => value + x.Noise == 0);
            Assert.Contains(table.Rows[value], x => value + x.Noise >= k);
        }
    }

    [Fact]
    public void The_file_is_what_the_generator_writes()
    {
        var generated = new StringWriter(CultureInfo.InvariantCulture);
        PerturbationTableGenerator.Write(PerturbationTableGenerator.Build(PerturbationParameters.Default), generated);

        var stored = File.ReadAllText(RepositoryFiles.PathOf("src", "EmploymentDashboard.Data", "Disclosure", "ptable.csv"));
        Assert.Equal(generated.ToString(), stored);
    }

    [Fact]
    public void The_app_embeds_the_file()
    {
        var file = FromFile();

        Assert.Equal(file.Parameters, PerturbationTable.Default.Parameters);
        Assert.True(file.Rows.Zip(PerturbationTable.Default.Rows).All(rows => rows.First.SequenceEqual(rows.Second)));
    }

    [Fact]
    public void Cell_keys_spread_over_each_row_as_its_probabilities()
    {
        var table = PerturbationTable.Default;
        var random = new Random(20261202);
        foreach (var value in new long[] { 1, 3, 6, 40 })
        {
            var draws = Enumerable.Range(0, 200_000).Select(_ => table.Noise(value, random.NextDouble())).ToList();
            foreach (var (noise, probability) in table.Rows[(int)Math.Min(value, table.Parameters.LastRow)])
            {
                var share = draws.Count(n => n == noise) / (double)draws.Count;
                Assert.True(Math.Abs(share - probability) < 0.005, $"value {value}, noise {noise}: {share} against {probability}");
            }
        }
    }
}
