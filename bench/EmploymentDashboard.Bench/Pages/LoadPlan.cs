using System.Globalization;

namespace EmploymentDashboard.Bench.Pages;

/// <summary>
/// One load run of the benchmark: the address, as which mode its figures are reported ("cold", "warm", "trivial"),
/// the clients and the request bound; a warm-up run is sent the same way but not reported.
/// </summary>
public sealed record LoadCell(string Mode, string Path, bool AsStaff, int Clients, int MaxRequests, bool Measured);

/// <summary>
/// The order and the bounds of the load runs in one app. A cached anonymous page is compared with the trivial
/// endpoint returning its byte count, so the two are measured alike. Every page is first requested once (which
/// fills the cache), then every cached page and its trivial endpoint get an unmeasured warm-up with N clients —
/// all of them before any is measured, so that the app's code for a cache hit and for the trivial endpoint is
/// compiled to its optimised tier, as in a server that has been answering for a while, whichever page comes
/// first — and then each page's runs alternate with its trivial endpoint's (page ×1, trivial ×1, page ×N,
/// trivial ×N) so that both see the same moment of a shared machine, with the same request bound. Pages not
/// answered from the cache (caching off, or staff) get no warm-up beyond their first request and keep the
/// smaller bound.
/// </summary>
public static class LoadPlan
{
    public static string TrivialPath(long bytes) => $"/benchmark/bytes?length={bytes.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The unmeasured warm-up runs of one page, sent after every page's first request and before any measured run.</summary>
    public static IReadOnlyList<LoadCell> WarmUp(PageCase page, bool cached, long bytes, PagesOptions o) =>
        !cached || page.AsStaff
            ? []
            : [
                new("warm", page.Path, false, o.Clients, o.WarmUpRequests, Measured: false),
                new("trivial", TrivialPath(bytes), false, o.Clients, o.WarmUpRequests, Measured: false),
            ];

    /// <summary>The measured runs of one page, in order.</summary>
    public static IReadOnlyList<LoadCell> Measured(PageCase page, bool cached, long bytes, PagesOptions o)
    {
        var mode = cached ? "warm" : "cold";
        int[] clientCounts = [1, o.Clients];
        if (!cached || page.AsStaff)
        {
            return [.. clientCounts.Select(c => new LoadCell(mode, page.Path, page.AsStaff, c, o.MaxRequests, Measured: true))];
        }

        var trivial = TrivialPath(bytes);
        return
        [
            .. clientCounts.SelectMany(clients => new LoadCell[]
            {
                new(mode, page.Path, false, clients, o.MaxCachedRequests, Measured: true),
                new("trivial", trivial, false, clients, o.MaxCachedRequests, Measured: true),
            }),
        ];
    }
}
