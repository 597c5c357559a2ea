using System.Globalization;

namespace EmploymentDashboard.Bench;

/// <summary>The command line of the benchmark program; bench/run.sh passes every option.</summary>
public sealed record BenchOptions
{
    public required Uri BaseUrl { get; init; }

    /// <summary>Process id of the web app, whose memory is read from /proc.</summary>
    public required int WebPid { get; init; }

    public required string Email { get; init; }

    public required string Password { get; init; }

    /// <summary>Path and query of the measured export (selects the N rows).</summary>
    public required string ExportPath { get; init; }

    /// <summary>Path and query of a small export done once before anything is measured.</summary>
    public required string WarmupPath { get; init; }

    /// <summary>The psql executable; connection settings come from PGHOST, PGPORT, PGUSER, PGDATABASE.</summary>
    public required string Psql { get; init; }

    /// <summary>The SQL the baseline copies out; the same rows and columns as the export.</summary>
    public required string Query { get; init; }

    public required long ExpectedRows { get; init; }

    public int Runs { get; init; } = 3;

    /// <summary>Markdown file the results are written into (a section per row count), or null.</summary>
    public string? DocPath { get; init; }

    /// <summary>The command that produced the figures, quoted in the document.</summary>
    public string Command { get; init; } = "bench/run.sh";

    /// <summary>Machine facts quoted in the document (cores, memory, CPU).</summary>
    public string Machine { get; init; } = "";

    /// <summary>Compare the export with psql's output line by line before the measured runs.</summary>
    public bool CheckContent { get; init; } = true;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{name}'");
            }

            if (name == "--no-check")
            {
                values[name] = "true";
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value");
            }

            values[name] = args[++i];
        }

        string Required(string name) =>
            values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"{name} is required");

        var queryFile = Required("--query-file");
        return new BenchOptions
        {
            BaseUrl = new Uri(Required("--url")),
            WebPid = int.Parse(Required("--pid"), CultureInfo.InvariantCulture),
            Email = Required("--email"),
            Password = Required("--password"),
            ExportPath = Required("--export"),
            WarmupPath = Required("--warmup"),
            Psql = Required("--psql"),
            Query = OneLine(File.ReadAllText(queryFile)),
            ExpectedRows = long.Parse(Required("--rows"), CultureInfo.InvariantCulture),
            Runs = values.TryGetValue("--runs", out var runs) ? int.Parse(runs, CultureInfo.InvariantCulture) : 3,
            DocPath = values.GetValueOrDefault("--doc"),
            Command = values.GetValueOrDefault("--command") ?? "bench/run.sh",
            Machine = values.GetValueOrDefault("--machine") ?? "",
            CheckContent = !values.ContainsKey("--no-check"),
        };
    }

    /// <summary>psql's \copy takes the rest of one line, so the query is folded onto one line (SQL comments dropped).</summary>
    private static string OneLine(string sql)
    {
        var lines = sql.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith("--", StringComparison.Ordinal));
        return string.Join(' ', lines).TrimEnd(';', ' ');
    }
}
