using EmploymentDashboard.Bench.Pages;

namespace EmploymentDashboard.Tests.Bench;

/// <summary>
/// The page benchmark compares a cached anonymous page with the trivial endpoint returning its byte count
/// (issue 8: ≥ 0.7× its requests per second). The comparison is fair only when both are measured alike:
/// the same warm-up, the same request bound, measured one right after the other.
/// </summary>
public sealed class LoadPlanTests
{
    private static readonly PagesOptions _options = PagesOptions.Parse(
    [
        "--web-dll", "web.dll", "--connection", "Host=localhost", "--email", "e@x.kz", "--password", "p", "--port", "5000", "--placements", "1000",
        "--clients", "16", "--max-requests", "400", "--max-cached-requests", "3000", "--warm-up-requests", "1500",
    ]);

    private static readonly PageCase _overview = new("overview", "/?year=2025", false, "select 1");

    private static readonly PageCase _quotas = new("quotas (staff)", "/Quotas?year=2025", true, "select 1");

    [Fact]
    public void A_cached_page_and_its_trivial_endpoint_get_the_same_warm_up_and_bound_and_alternate()
    {
        Assert.Equal(
        [
            new LoadCell("warm", "/?year=2025", false, 16, 1500, Measured: false),
            new LoadCell("trivial", "/benchmark/bytes?length=106389", false, 16, 1500, Measured: false),
        ], LoadPlan.WarmUp(_overview, cached: true, bytes: 106_389, _options));
        Assert.Equal(
        [
            new LoadCell("warm", "/?year=2025", false, 1, 3000, Measured: true),
            new LoadCell("trivial", "/benchmark/bytes?length=106389", false, 1, 3000, Measured: true),
            new LoadCell("warm", "/?year=2025", false, 16, 3000, Measured: true),
            new LoadCell("trivial", "/benchmark/bytes?length=106389", false, 16, 3000, Measured: true),
        ], LoadPlan.Measured(_overview, cached: true, bytes: 106_389, _options));
    }

    [Fact]
    public void Pages_not_answered_from_the_cache_get_no_warm_up_run_the_smaller_bound_and_no_trivial_endpoint()
    {
        Assert.Empty(LoadPlan.WarmUp(_overview, cached: false, bytes: 106_389, _options));
        Assert.Empty(LoadPlan.WarmUp(_quotas, cached: true, bytes: 84_399, _options));
        Assert.Equal(
        [
            new LoadCell("cold", "/?year=2025", false, 1, 400, Measured: true),
            new LoadCell("cold", "/?year=2025", false, 16, 400, Measured: true),
        ], LoadPlan.Measured(_overview, cached: false, bytes: 106_389, _options));
        Assert.Equal(
        [
            new LoadCell("warm", "/Quotas?year=2025", true, 1, 400, Measured: true),
            new LoadCell("warm", "/Quotas?year=2025", true, 16, 400, Measured: true),
        ], LoadPlan.Measured(_quotas, cached: true, bytes: 84_399, _options));
    }

    [Fact]
    public void The_cached_bounds_default_to_4000_requests_and_must_be_positive()
    {
        string[] required = ["--web-dll", "w", "--connection", "c", "--email", "e", "--password", "p", "--port", "1", "--placements", "10"];

        var defaults = PagesOptions.Parse(required);

        Assert.Equal(4000, defaults.MaxCachedRequests);
        Assert.Equal(4000, defaults.WarmUpRequests);
        Assert.Throws<ArgumentException>(() => PagesOptions.Parse([.. required, "--warm-up-requests", "0"]));
        Assert.Throws<ArgumentException>(() => PagesOptions.Parse([.. required, "--max-cached-requests", "0"]));
    }
}
