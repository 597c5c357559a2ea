using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace EmploymentDashboard.Bench.DataSet;

/// <summary><c>generate --connection CS --placements N [--seed S]</c>: loads the national data set (see <see cref="NationalDataSet"/>).</summary>
public static class GenerateCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        NationalDataSet dataSet;
        string connectionString;
        try
        {
            var options = CommandLine.Parse(args, []);
            connectionString = new NpgsqlConnectionStringBuilder(options.Required("--connection")) { CommandTimeout = 0 }.ConnectionString;
            var placements = long.Parse(options.Required("--placements"), NumberStyles.None, CultureInfo.InvariantCulture);
            var seed = options.Optional("--seed") is { } s ? int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture) : NationalDataSet.DefaultSeed;
            dataSet = new NationalDataSet(DataSetSize.ForPlacements(placements), seed);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"[bench] {e.Message}");
            Console.Error.WriteLine("usage: EmploymentDashboard.Bench generate --connection CONNECTION_STRING --placements N [--seed S]");
            return 2;
        }

        try
        {
            var clock = Stopwatch.StartNew();
            var size = dataSet.Size;
            Log($"generating {size.Placements:N0} placements, {size.Participants:N0} participants, {size.Employers:N0} employers, {size.Grants:N0} grants (seed {dataSet.Seed})");
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await dataSet.LoadAsync(connection, Log, cancellationToken);
            Log($"generated in {clock.Elapsed.TotalSeconds:0} s");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or NpgsqlException)
        {
            Log($"ERROR: {e.Message}");
            return 2;
        }
    }

    private static void Log(string message) => Console.Error.WriteLine($"[bench] {message}");
}
