using System.Globalization;

namespace EmploymentDashboard.Data.Disclosure;

/// <summary>
/// Builds the p-table by maximum entropy, the construction of the R package ptable (Marley and Leaver 2011;
/// Giessing 2016): for each true value i, the noise distribution over the allowed noises d (|d| ≤ D, i + d ≥ 0,
/// i + d not in 1..k − 1) with the largest entropy such that its mean is 0 and its variance is V. Such a
/// distribution is p(d) ∝ exp(a·d + b·d²); a and b are found by Newton's method on the convex dual.
/// </summary>
/// <remarks>
/// Row 0 is always 0: an empty cell has key sum 0 in every table, so it could only ever move the same way.
/// Rows 1..k − 1 must move to 0 or to k and above, which takes a variance far above V; for them the variance
/// condition is dropped and the distribution is the maximum-entropy one with mean 0 alone (p(d) ∝ exp(a·d)).
/// Rows from k on meet mean 0 and variance V exactly.
/// </remarks>
public static class PerturbationTableGenerator
{
    public static PerturbationTable Build(PerturbationParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.MaxNoise < parameters.Threshold - 1 || parameters.Threshold < 2 || !(parameters.Variance > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(parameters), parameters, "The p-table needs k ≥ 2, D ≥ k − 1 (so that 1 can reach k) and V > 0.");
        }

        var rows = new List<IReadOnlyList<(int, double)>>();
        for (var value = 0; value <= parameters.LastRow; value++)
        {
            rows.Add(Row(value, parameters));
        }

        return new PerturbationTable(parameters, rows);
    }

    /// <summary>Writes the table as CSV: a comment with the parameters, then "row,noise,probability" lines.</summary>
    public static void Write(PerturbationTable table, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("# p-table of the cell key method (ADR 0010), written by PerturbationTableGenerator; rows above the last use the last.\n");
        writer.Write("# parameters: " + table.Parameters.Describe() + "\n");
        writer.Write("row,noise,probability\n");
        for (var row = 0; row < table.Rows.Count; row++)
        {
            foreach (var (noise, probability) in table.Rows[row])
            {
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{row},{noise},{probability:F15}\n"));
            }
        }
    }

    private static IReadOnlyList<(int, double)> Row(int value, PerturbationParameters parameters)
    {
        var (d, k) = (parameters.MaxNoise, parameters.Threshold);
        var noises = Enumerable.Range(-d, 2 * d + 1)
            .Where(n => value + n >= 0 && !(value + n >= 1 && value + n < k))
            .Where(n => value > 0 || n == 0)
            .ToArray();
        if (noises.Length == 1)
        {
            return [(noises[0], 1.0)];
        }

        double[] probabilities = value < k
            ? Solve(noises, [n => n], [0.0])
            : Solve(noises, [n => n, n => (double)n * n], [0.0, parameters.Variance]);
        return [.. noises.Select((n, i) => (n, probabilities[i])).Where(x => x.Item2 > 0)];
    }

    /// <summary>
    /// The maximum-entropy distribution over <paramref name="noises"/> with E[f_m] = c_m for each moment: minimises
    /// the dual log Σ exp(λ·f(d)) − λ·c by Newton steps with backtracking.
    /// </summary>
    private static double[] Solve(int[] noises, Func<int, double>[] moments, double[] targets)
    {
        var m = moments.Length;
        var features = noises.Select(n => moments.Select(f => f(n)).ToArray()).ToArray();
        var lambda = new double[m];

        double Dual(double[] l, out double[] p)
        {
            var exponents = features.Select(f => f.Select((x, i) => l[i] * x).Sum()).ToArray();
            var max = exponents.Max();
            var weights = exponents.Select(e => Math.Exp(e - max)).ToArray();
            var z = weights.Sum();
            p = [.. weights.Select(w => w / z)];
            return max + Math.Log(z) - l.Select((x, i) => x * targets[i]).Sum();
        }

        for (var iteration = 0; iteration < 500; iteration++)
        {
            var value = Dual(lambda, out var p);
            var gradient = new double[m];
            var hessian = new double[m, m];
            for (var i = 0; i < m; i++)
            {
                var mean = p.Select((q, j) => q * features[j][i]).Sum();
                gradient[i] = mean - targets[i];
                for (var h = 0; h < m; h++)
                {
                    var meanH = p.Select((q, j) => q * features[j][h]).Sum();
                    hessian[i, h] = p.Select((q, j) => q * features[j][i] * features[j][h]).Sum() - (mean * meanH);
                }
            }

            if (gradient.Max(Math.Abs) < 1e-10)
            {
                return p;
            }

            var step = SolveLinear(hessian, gradient);
            var t = 1.0;
            while (t > 1e-12)
            {
                var next = lambda.Select((x, i) => x - (t * step[i])).ToArray();
                if (Dual(next, out _) <= value - (1e-4 * t * step.Select((s, i) => s * gradient[i]).Sum()))
                {
                    lambda = next;
                    break;
                }

                t /= 2;
            }

            if (t <= 1e-12)
            {
                return p;
            }
        }

        throw new InvalidOperationException($"The maximum-entropy distribution over noises {string.Join(' ', noises)} did not converge: the variance may be out of reach for them.");
    }

    private static double[] SolveLinear(double[,] a, double[] b)
    {
        if (b.Length == 1)
        {
            return [b[0] / a[0, 0]];
        }

        var det = (a[0, 0] * a[1, 1]) - (a[0, 1] * a[1, 0]);
        return [((a[1, 1] * b[0]) - (a[0, 1] * b[1])) / det, ((a[0, 0] * b[1]) - (a[1, 0] * b[0])) / det];
    }
}
