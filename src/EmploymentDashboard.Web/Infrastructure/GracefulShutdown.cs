using System.Globalization;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// What a stopping instance does on SIGTERM (systemd, Docker, Kubernetes). The host stops accepting connections and
/// gives requests in flight <c>Dashboard:ShutdownTimeoutSeconds</c> (default 30) to finish. Record exports can stream
/// for minutes, so they also watch <see cref="Draining"/>: it is cancelled a few seconds before that limit, and an
/// export still running then is recorded as cancelled and its connection aborted while the app can still write to
/// the database, instead of being cut off by the host at the limit with no end entry in the audit trail.
/// </summary>
public sealed class GracefulShutdown : IDisposable
{
    public const string TimeoutKey = $"{DashboardOptions.SectionName}:ShutdownTimeoutSeconds";

    public const int DefaultTimeoutSeconds = 30;

    public const int MaximumTimeoutSeconds = 3600;

    private readonly CancellationTokenSource _draining = new();
    private readonly CancellationTokenRegistration _stopping;

    public GracefulShutdown(IHostApplicationLifetime lifetime, IConfiguration configuration)
    {
        var timeout = Timeout(configuration);
        _stopping = lifetime.ApplicationStopping.Register(() =>
        {
            try
            {
                _draining.CancelAfter(timeout - Margin(timeout));
            }
            catch (ObjectDisposedException)
            {
                // Disposed while stopping: nothing is left to drain.
            }
        });
    }

    /// <summary>Cancelled shortly before the shutdown timeout runs out; never while the app is not stopping.</summary>
    public CancellationToken Draining => _draining.Token;

    /// <summary>The configured shutdown timeout; the default when the setting is missing or invalid.</summary>
    public static TimeSpan Timeout(IConfiguration configuration) =>
        TimeSpan.FromSeconds(TryParse(configuration[TimeoutKey], out var seconds) ? seconds : DefaultTimeoutSeconds);

    /// <summary>
    /// The time left between cancelling long exports and the host's own limit: enough to write the audit entry and
    /// abort the connection (a quarter of the timeout, at most 5 s).
    /// </summary>
    public static TimeSpan Margin(TimeSpan timeout) => TimeSpan.FromSeconds(Math.Min(5, timeout.TotalSeconds / 4));

    /// <summary>A one-line description of an invalid setting, or null when it is missing or valid.</summary>
    public static string? DescribeConfigurationProblem(IConfiguration configuration)
    {
        var value = configuration[TimeoutKey];
        return value is null || TryParse(value, out _)
            ? null
            : $"{TimeoutKey} must be a whole number of seconds from 1 to {MaximumTimeoutSeconds} (it is \"{value}\").";
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _draining.Dispose();
    }

    private static bool TryParse(string? value, out int seconds) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out seconds) && seconds is >= 1 and <= MaximumTimeoutSeconds;
}

/// <summary>Registers <see cref="GracefulShutdown"/> and sets the host's shutdown timeout from configuration.</summary>
public static class GracefulShutdownExtensions
{
    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<HostOptions>(options => options.ShutdownTimeout = GracefulShutdown.Timeout(configuration));
        services.AddSingleton<GracefulShutdown>();
        return services;
    }
}
