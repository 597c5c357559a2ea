using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace EmploymentDashboard.Tests.Infrastructure;

/// <summary>
/// A private PostgreSQL server started by a test from the distribution's binaries, for tests that stop,
/// restart or replicate the database and so cannot use the shared test server. Runs as the "postgres" OS
/// user when the tests run as root (as scripts/pg-cluster.sh does), listens on 127.0.0.1 only, trust
/// authentication. A standby is made with <c>pg_basebackup -R</c> from a primary. Removed on dispose.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string ReplicationUser = "replicator";

    private readonly string _base;

    private PostgresServer(string baseDirectory, int port)
    {
        _base = baseDirectory;
        Port = port;
    }

    public int Port { get; }

    public string DataDirectory => Path.Combine(_base, "data");

    /// <summary>The newest /usr/lib/postgresql/N/bin with initdb (PGC_BINDIR wins when set).</summary>
    public static string BinDirectory { get; } = FindBinDirectory();

    /// <summary>The OS user the server runs as: "postgres" when the tests run as root, else the current user (null).</summary>
    private static string? OsUser { get; } = Environment.UserName == "root" ? "postgres" : null;

    /// <summary>Admin connection string (superuser "postgres") to one database of this server.</summary>
    public string ConnectionString(string database = "postgres", int timeoutSeconds = 5) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            Timeout = timeoutSeconds,
        }.ConnectionString;

    /// <summary>initdb and start a new primary, with a login role that may replicate (for standbys).</summary>
    public static async Task<PostgresServer> StartPrimaryAsync()
    {
        var server = new PostgresServer(NewBaseDirectory(), FreePort());
        await RunAsync(Path.Combine(BinDirectory, "initdb"), "-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync");
        await server.StartAsync();
        await server.ExecuteAsync($"CREATE ROLE {ReplicationUser} WITH LOGIN REPLICATION");
        return server;
    }

    /// <summary>A streaming standby of <paramref name="primary"/>: pg_basebackup -R as the replication role, then started.</summary>
    public static async Task<PostgresServer> StartStandbyAsync(PostgresServer primary)
    {
        var server = new PostgresServer(NewBaseDirectory(), FreePort());
        await RunAsync(Path.Combine(BinDirectory, "pg_basebackup"), "-h", "127.0.0.1", "-p", primary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", ReplicationUser, "-D", server.DataDirectory, "-R", "-X", "stream", "--no-sync");
        await server.StartAsync();
        return server;
    }

    /// <summary>Starts (or restarts after <see cref="StopAsync"/>) the server and waits until it accepts connections.</summary>
    public Task StartAsync() =>
        RunAsync(
            Path.Combine(BinDirectory, "pg_ctl"), "start", "-w", "-t", "60", "-s", "-D", DataDirectory, "-l", Path.Combine(_base, "postgresql.log"),
            "-o", $"-c port={Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c full_page_writes=off -c wal_level=replica -c max_wal_senders=5");

    /// <summary>Stops the server: "fast" ends sessions and checkpoints, "immediate" is a crash.</summary>
    public Task StopAsync(string mode = "fast") =>
        RunAsync(Path.Combine(BinDirectory, "pg_ctl"), "stop", "-w", "-t", "60", "-s", "-m", mode, "-D", DataDirectory);

    public async Task ExecuteAsync(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Waits until a standby has replayed everything the primary had written when this was called.</summary>
    public static async Task WaitForReplayAsync(PostgresServer primary, PostgresServer standby)
    {
        var target = await primary.ScalarAsync<string>("SELECT pg_current_wal_lsn()::text");
        var clock = Stopwatch.StartNew();
        while (!await standby.ScalarAsync<bool>($"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn"))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"The standby on port {standby.Port} did not replay up to {target} within 60 s.");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await StopAsync("immediate");
        }
        catch (InvalidOperationException)
        {
            // Already stopped by the test.
        }

        Directory.Delete(_base, recursive: true);
    }

    /// <summary>Runs a PostgreSQL program as the server's OS user; throws with its output when it fails.</summary>
    public static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(OsUser is null ? program : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        if (OsUser is not null)
        {
            foreach (var argument in new[] { "-u", OsUser, "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stdout}{await stderr}");
        }
    }

    private static string NewBaseDirectory()
    {
        // /var/tmp: the server's OS user must be able to reach it (a test's own temp folder may be private).
        var directory = Directory.CreateDirectory(Path.Combine("/var/tmp", $"employment-dashboard-test-pg-{Guid.NewGuid():N}")).FullName;
        if (OsUser is not null)
        {
            using var chown = Process.Start("chown", [OsUser, directory])!;
            chown.WaitForExit();
        }

        return directory;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("PGC_BINDIR");
        if (!string.IsNullOrEmpty(configured) && File.Exists(Path.Combine(configured, "initdb")))
        {
            return configured;
        }

        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var major) ? major : 0)
                .FirstOrDefault() ?? throw new InvalidOperationException("No PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql).")
            : throw new InvalidOperationException("No PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql).");
    }
}
