using EmploymentDashboard.Web.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EmploymentDashboard.Tests.Web;

/// <summary>The response cache's memory is bounded by configuration, as part of the process's memory budget (issue 8).</summary>
public sealed class ResponseCacheSizeTests
{
    [Theory]
    [InlineData(null, 48)]
    [InlineData("16", 16)]
    [InlineData("200", 200)]
    public void The_cache_size_limit_comes_from_Dashboard_ResponseCacheMegabytes(string? setting, long megabytes)
    {
        var options = OptionsFor(setting);

        Assert.Equal(megabytes * 1024 * 1024, options.SizeLimit);
        Assert.Equal(megabytes * 1024 * 1024 / 10, options.MaximumBodySize);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("lots")]
    [InlineData("5000")]
    public void A_size_that_is_not_valid_is_refused_at_start_up_with_one_clear_line(string setting)
    {
        var configuration = Configuration(setting);

        var problem = AnonymousResponseCacheExtensions.DescribeConfigurationProblem(configuration);

        Assert.Equal($"Dashboard:ResponseCacheMegabytes must be a whole number of megabytes from 1 to 4096 (it is \"{setting}\").", problem);
        Assert.Null(AnonymousResponseCacheExtensions.DescribeConfigurationProblem(Configuration("64")));
        Assert.Null(AnonymousResponseCacheExtensions.DescribeConfigurationProblem(Configuration(null)));
    }

    private static OutputCacheOptions OptionsFor(string? setting)
    {
        var services = new ServiceCollection();
        services.AddAnonymousResponseCache(Configuration(setting));
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<OutputCacheOptions>>().Value;
    }

    private static IConfiguration Configuration(string? setting) => new ConfigurationBuilder()
        .AddInMemoryCollection(setting is null ? [] : [new KeyValuePair<string, string?>("Dashboard:ResponseCacheMegabytes", setting)])
        .Build();
}
