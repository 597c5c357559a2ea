using System.Globalization;
using EmploymentDashboard.Data.Disclosure;

namespace EmploymentDashboard.Bench;

/// <summary>
/// Writes the p-table of the cell key method (ADR 0010) as CSV: the file the app embeds is this command's output.
///   ptable [--max-noise 5] [--threshold 5] [--variance 2] [--out src/EmploymentDashboard.Data/Disclosure/ptable.csv]
/// </summary>
public static class PTableCommand
{
    public static int Run(string[] args)
    {
        var defaults = PerturbationParameters.Default;
        string Option(string name, string fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }

        var parameters = new PerturbationParameters(
            int.Parse(Option("--max-noise", defaults.MaxNoise.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
            int.Parse(Option("--threshold", defaults.Threshold.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
            double.Parse(Option("--variance", defaults.Variance.ToString("R", CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture));
        var table = PerturbationTableGenerator.Build(parameters);
        var path = Option("--out", "src/EmploymentDashboard.Data/Disclosure/ptable.csv");
        using (var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)))
        {
            PerturbationTableGenerator.Write(table, writer);
        }

        Console.WriteLine($"[ptable] {parameters.Describe()}: {table.Rows.Count} rows written to {path}");
        foreach (var (row, index) in table.Rows.Select((r, i) => (r, i)))
        {
            var mean = row.Sum(x => x.Noise * x.Probability);
            var variance = row.Sum(x => x.Noise * x.Noise * x.Probability) - (mean * mean);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[ptable] row {index}: mean {mean:F6}, variance {variance:F4}, E|noise| {row.Sum(x => Math.Abs(x.Noise) * x.Probability):F4}, noises {string.Join(' ', row.Select(x => $"{x.Noise}:{x.Probability:F4}"))}"));
        }

        return 0;
    }
}
