using System.Globalization;

namespace EmploymentDashboard.Bench.Pages;

/// <summary>The command line of the <c>pages</c> mode; bench/pages.sh passes every option.</summary>
public sealed record PagesOptions
{
    public required string WebDll { get; init; }

    public required string ConnectionString { get; init; }

    public required string Email { get; init; }

    public required string Password { get; init; }

    public required int Port { get; init; }

    /// <summary>Placements in the data set, for the report's heading and its section in the document.</summary>
    public required long Placements { get; init; }

    public string Region { get; init; } = "karaganda";

    public int Year { get; init; } = 2025;

    public string District { get; init; } = "karaganda-city";

    public string Measure { get; init; } = "vacancy";

    /// <summary>The concurrent clients of the second run of every case (the first has one).</summary>
    public int Clients { get; init; } = 16;

    /// <summary>No request of a case starts after this.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Requests still running this long after <see cref="Duration"/> are cancelled and reported as cut off.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxRequests { get; init; } = 400;

    /// <summary>The request bound of a cached anonymous page and of the trivial endpoint it is compared with (the same for both).</summary>
    public int MaxCachedRequests { get; init; } = 4000;

    /// <summary>Requests of the unmeasured warm-up that a cached page and its trivial endpoint each get before they are measured.</summary>
    public int WarmUpRequests { get; init; } = 4000;

    public string LogPath { get; init; } = "web.log";

    public string? DocPath { get; init; }

    public string Command { get; init; } = "bench/pages.sh";

    public string Machine { get; init; } = "";

    public static PagesOptions Parse(IReadOnlyList<string> args)
    {
        var line = CommandLine.Parse(args, []);
        int Int(string name, int fallback) => line.Optional(name) is { } v ? int.Parse(v, NumberStyles.None, CultureInfo.InvariantCulture) : fallback;
        var options = new PagesOptions
        {
            WebDll = line.Required("--web-dll"),
            ConnectionString = line.Required("--connection"),
            Email = line.Required("--email"),
            Password = line.Required("--password"),
            Port = int.Parse(line.Required("--port"), NumberStyles.None, CultureInfo.InvariantCulture),
            Placements = long.Parse(line.Required("--placements"), NumberStyles.None, CultureInfo.InvariantCulture),
            Region = line.Optional("--region") ?? "karaganda",
            Year = Int("--year", 2025),
            District = line.Optional("--district") ?? "karaganda-city",
            Measure = line.Optional("--measure") ?? "vacancy",
            Clients = Int("--clients", 16),
            Duration = TimeSpan.FromSeconds(Int("--duration", 20)),
            Grace = TimeSpan.FromSeconds(Int("--grace", 30)),
            MaxRequests = Int("--max-requests", 400),
            MaxCachedRequests = Int("--max-cached-requests", 4000),
            WarmUpRequests = Int("--warm-up-requests", 4000),
            LogPath = line.Optional("--log") ?? "web.log",
            DocPath = line.Optional("--doc"),
            Command = line.Optional("--command") ?? "bench/pages.sh",
            Machine = line.Optional("--machine") ?? "",
        };
        if (options.Clients < 1 || options.MaxRequests < 1 || options.MaxCachedRequests < 1 || options.WarmUpRequests < 1 || options.Duration <= TimeSpan.Zero)
        {
            throw new ArgumentException("--clients, --max-requests, --max-cached-requests, --warm-up-requests and --duration must be positive");
        }

        return options;
    }
}
