using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// Running behind a TLS-terminating reverse proxy. X-Forwarded-For and X-Forwarded-Proto are believed
/// only from the addresses in <c>ReverseProxy:KnownProxies</c> and the networks in
/// <c>ReverseProxy:KnownNetworks</c> (plus loopback), walking back through a chain of known proxies; from
/// anyone else they are ignored, so a client cannot choose its own address (the sign-in rate limits and
/// throttling key on it) or pretend to be on HTTPS. The trusted scheme decides HSTS and Secure cookies.
/// The Host header is not taken from the proxy: <c>AllowedHosts</c> refuses unknown hosts with 400.
/// </summary>
public static class ReverseProxy
{
    public const string SectionName = "ReverseProxy";

    public static IServiceCollection AddReverseProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

            // No fixed hop count: every hop from a known proxy is unwrapped, the first unknown one is the client.
            options.ForwardLimit = null;
            var (proxies, networks, _) = Read(configuration);
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    /// <summary>Applies the forwarded headers; first in the pipeline, before anything reads the scheme or the address.</summary>
    public static IApplicationBuilder UseReverseProxySupport(this IApplicationBuilder app) => app.UseForwardedHeaders();

    /// <summary>A one-line description of a malformed proxy setting, or null when they are all valid.</summary>
    public static string? DescribeConfigurationProblem(IConfiguration configuration) => Read(configuration).Problem;

    private static (List<IPAddress> Proxies, List<System.Net.IPNetwork> Networks, string? Problem) Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var value in Values(section.GetSection("KnownProxies")))
        {
            if (!IPAddress.TryParse(value, out var address))
            {
                return (proxies, networks, $"{SectionName}:KnownProxies holds \"{value}\", which is not an IP address (e.g. 10.0.0.5).");
            }

            proxies.Add(address);
        }

        foreach (var value in Values(section.GetSection("KnownNetworks")))
        {
            if (!System.Net.IPNetwork.TryParse(value, out var network))
            {
                return (proxies, networks, $"{SectionName}:KnownNetworks holds \"{value}\", which is not a network in CIDR notation (e.g. 172.18.0.0/16).");
            }

            networks.Add(network);
        }

        return (proxies, networks, null);
    }

    /// <summary>A list setting, given either as an array (KnownProxies__0, KnownProxies__1) or as one value separated by ';' or ','.</summary>
    private static IEnumerable<string> Values(IConfigurationSection section) =>
        section.GetChildren().Select(c => c.Value ?? string.Empty).Append(section.Value ?? string.Empty)
            .SelectMany(v => v.Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
