using System.Globalization;

namespace EmploymentDashboard.Data.Disclosure;

/// <summary>
/// The parameters of a p-table: the largest noise D (|noise| ≤ D), k (no published value from 1 to k − 1) and
/// the variance V of the noise of every true value that is not itself small.
/// </summary>
public sealed record PerturbationParameters(int MaxNoise, int Threshold, double Variance)
{
    /// <summary>The p-table the dashboard publishes with (ADR 0010).</summary>
    public static PerturbationParameters Default { get; } = new(MaxNoise: 5, Threshold: 5, Variance: 2.0);

    /// <summary>The first row whose outputs are all allowed (from i − D ≥ k on, every row has the same noise); it serves every larger value.</summary>
    public int LastRow => Threshold + MaxNoise;

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"max_noise={MaxNoise},threshold={Threshold},variance={Variance:R}");
}

/// <summary>
/// A perturbation table (p-table) of the cell key method: for each true value (row), the probability of each
/// noise. A cell's noise is where its cell key, a number in [0, 1), falls in the cumulative distribution of
/// its row. Rows above <see cref="PerturbationParameters.LastRow"/> use that row. Loaded from the CSV the
/// generator writes (<see cref="PerturbationTableGenerator"/>), kept in the repository as data.
/// </summary>
public sealed class PerturbationTable
{
    private readonly IReadOnlyList<IReadOnlyList<(int Noise, double Probability)>> _rows;
    private readonly double[][] _upper;

    public PerturbationTable(PerturbationParameters parameters, IReadOnlyList<IReadOnlyList<(int Noise, double Probability)>> rows)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count != parameters.LastRow + 1)
        {
            throw new ArgumentException($"A p-table with {parameters.Describe()} has rows 0 to {parameters.LastRow}, not {rows.Count} rows.", nameof(rows));
        }

        Parameters = parameters;
        _rows = rows;
        _upper = [.. rows.Select(row =>
        {
            var upper = new double[row.Count];
            var sum = 0.0;
            for (var j = 0; j < row.Count; j++)
            {
                sum += row[j].Probability;
                upper[j] = sum;
            }

            // The last bound is 1 whatever the rounding of the stored probabilities, so every key finds a noise.
            upper[^1] = double.PositiveInfinity;
            return upper;
        })];
    }

    /// <summary>The p-table kept in the repository (Disclosure/ptable.csv, embedded in the assembly).</summary>
    public static PerturbationTable Default { get; } = LoadEmbedded();

    public PerturbationParameters Parameters { get; }

    /// <summary>The rows: true value 0, 1, …, <see cref="PerturbationParameters.LastRow"/>, each its noises with their probabilities.</summary>
    public IReadOnlyList<IReadOnlyList<(int Noise, double Probability)>> Rows => _rows;

    /// <summary>The noise for a true value and a cell key in [0, 1).</summary>
    public int Noise(long value, double cellKey)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        if (!(cellKey >= 0 && cellKey < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(cellKey), cellKey, "A cell key is a number in [0, 1).");
        }

        var row = (int)Math.Min(value, Parameters.LastRow);
        var upper = _upper[row];
        var j = 0;
        while (cellKey >= upper[j])
        {
            j++;
        }

        return _rows[row][j].Noise;
    }

    /// <summary>The published value of a count: its true value plus the noise its cell key draws.</summary>
    public long Perturb(KeyedCount count) => count.Count + Noise(count.Count, count.CellKey);

    /// <summary>The probability that a true value is published as <paramref name="published"/>.</summary>
    public double Probability(long value, long published)
    {
        var row = _rows[(int)Math.Min(value, Parameters.LastRow)];
        return row.Where(x => value + x.Noise == published).Sum(x => x.Probability);
    }

    /// <summary>Reads a p-table in the CSV layout <see cref="PerturbationTableGenerator.Write"/> writes.</summary>
    public static PerturbationTable Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        PerturbationParameters? parameters = null;
        var rows = new SortedDictionary<int, List<(int, double)>>();
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.StartsWith("# parameters:", StringComparison.Ordinal))
            {
                var values = line["# parameters:".Length..].Split(',', StringSplitOptions.TrimEntries)
                    .Select(p => p.Split('='))
                    .ToDictionary(p => p[0], p => p[1]);
                parameters = new PerturbationParameters(
                    int.Parse(values["max_noise"], CultureInfo.InvariantCulture),
                    int.Parse(values["threshold"], CultureInfo.InvariantCulture),
                    double.Parse(values["variance"], CultureInfo.InvariantCulture));
                continue;
            }

            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("row,", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = line.Split(',');
            var row = int.Parse(fields[0], CultureInfo.InvariantCulture);
            if (!rows.TryGetValue(row, out var entries))
            {
                rows[row] = entries = [];
            }

            entries.Add((int.Parse(fields[1], CultureInfo.InvariantCulture), double.Parse(fields[2], CultureInfo.InvariantCulture)));
        }

        return new PerturbationTable(
            parameters ?? throw new InvalidDataException("The p-table has no \"# parameters:\" line."),
            [.. rows.Values.Select(r => (IReadOnlyList<(int, double)>)r)]);
    }

    private static PerturbationTable LoadEmbedded()
    {
        using var stream = typeof(PerturbationTable).Assembly.GetManifestResourceStream("EmploymentDashboard.Data.Disclosure.ptable.csv")
            ?? throw new InvalidOperationException("The p-table (Disclosure/ptable.csv) is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return Read(reader);
    }
}
