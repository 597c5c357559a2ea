using System.Globalization;
using EmploymentDashboard.Data.Statistics;
using Microsoft.AspNetCore.OutputCaching;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// Caches what anonymous visitors get — dashboard pages, table downloads and API answers — so a burst of
/// public traffic costs the database nothing after the first request. Keyed by path, the whole query string
/// the language and the display mode; never used for signed-in users (they see exact figures and their own account), never
/// for responses that set a cookie or are not 200. Everything cached carries the <see cref="DataTag"/> and is
/// dropped as soon as the data change (<see cref="ReferenceDataCache.Changed"/>).
/// Setting: Dashboard:CacheAnonymousResponses (default true).
/// </summary>
public sealed class AnonymousResponseCache : IOutputCachePolicy
{
    public const string DataTag = "dashboard-data";

    /// <summary>Dashboard pages and the table API; accounts, admin, exports, health and static files are never cached here.</summary>
    private static readonly string[] _cachedPrefixes = ["/Districts", "/Measures", "/Quotas", "/Grants", "/Context", "/Map", "/Definitions", "/Methodology", "/api/v1"];

    public static bool IsCacheable(HttpContext http)
    {
        var request = http.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || http.User.Identity?.IsAuthenticated == true
            || request.Headers.Authorization.Count > 0)
        {
            return false;
        }

        var path = request.Path;
        return path == "/" || path == "/Index" || _cachedPrefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
    }

    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var cacheable = IsCacheable(context.HttpContext);
        if (cacheable)
        {
            // A write by another instance shows as a new dataset stamp: look at it (at most every few seconds)
            // before answering from the cache, and key answers by it so an old one is never served for new data.
            var reference = context.HttpContext.RequestServices.GetRequiredService<ReferenceDataCache>();
            if (reference.NeedsCheck)
            {
                await reference.GetAsync(context.HttpContext.RequestServices.GetRequiredService<DashboardReadDbContext>(), cancellation);
            }

            context.CacheVaryByRules.VaryByValues["data"] = reference.Version;
        }

        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;

        // Everything else a page's HTML depends on for an anonymous visitor: the display mode chosen in a cookie.
        context.CacheVaryByRules.VaryByValues["display"] = DisplayMode.IsHighContrast(context.HttpContext.Request) ? DisplayMode.HighContrastValue : "normal";
        context.Tags.Add(DataTag);
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0 || context.HttpContext.User.Identity?.IsAuthenticated == true)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Registers the anonymous response cache and ties its eviction to data changes.</summary>
public static class AnonymousResponseCacheExtensions
{
    public static IServiceCollection AddAnonymousResponseCache(this IServiceCollection services, IConfiguration configuration)
    {
        var enabled = configuration.GetValue($"{DashboardOptions.SectionName}:CacheAnonymousResponses", true);
        var sizeLimit = ResponseCacheMegabytes(configuration) * 1024L * 1024;
        services.AddOutputCache(options =>
        {
            // The cache's bodies stay in the process: its limit is part of the memory budget (under 300 MB
            // for the whole process), and a page larger than a tenth of it is served but not kept.
            options.SizeLimit = sizeLimit;
            options.MaximumBodySize = Math.Max(1, sizeLimit / 10);
            options.DefaultExpirationTimeSpan = TimeSpan.FromHours(1);
            if (enabled)
            {
                options.AddBasePolicy(new AnonymousResponseCache());
            }
        });
        return services;
    }

    /// <summary>Dashboard:ResponseCacheMegabytes: the most memory cached answers may take (default 48; a value that is not valid is refused at start-up).</summary>
    public static int ResponseCacheMegabytes(IConfiguration configuration) => TryMegabytes(configuration[ResponseCacheKey]) ?? DefaultResponseCacheMegabytes;

    /// <summary>Why Dashboard:ResponseCacheMegabytes cannot be used, or null when it is absent or valid.</summary>
    public static string? DescribeConfigurationProblem(IConfiguration configuration)
    {
        var text = configuration[ResponseCacheKey];
        return string.IsNullOrWhiteSpace(text) || TryMegabytes(text) is not null
            ? null
            : $"{ResponseCacheKey} must be a whole number of megabytes from 1 to 4096 (it is \"{text}\").";
    }

    private static int? TryMegabytes(string? text) =>
        int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var megabytes) && megabytes is >= 1 and <= 4096
            ? megabytes
            : null;

    private const string ResponseCacheKey = DashboardOptions.SectionName + ":ResponseCacheMegabytes";

    public const int DefaultResponseCacheMegabytes = 48;

    /// <summary>Drops every cached answer when the data change, in this instance (other instances notice the new dataset stamp within seconds).</summary>
    public static IApplicationBuilder UseAnonymousResponseCache(this IApplicationBuilder app)
    {
        var store = app.ApplicationServices.GetRequiredService<IOutputCacheStore>();
        app.ApplicationServices.GetRequiredService<ReferenceDataCache>().Changed += () => _ = store.EvictByTagAsync(AnonymousResponseCache.DataTag, CancellationToken.None).AsTask();
        return app.UseOutputCache();
    }

}
