using System.Globalization;

namespace EmploymentDashboard.Bench.Pages;

/// <summary>
/// One load run of the benchmark: the address, as which mode its figures are reported ("cold", "warm", "trivial"),
/// the clients and the request bound; a warm-up run is sent the same way but not reported.
/// </summary>
public sealed record LoadCell(string Mode, string Path, bool AsStaff, int Clients, int MaxRequests, bool Measured);

/// <summary>
/// The order and the bounds of a page's load runs in one app. A cached anonymous page is compared with the
/// trivial endpoint returning its byte count, so the two are measured alike: both first get an unmeasured
/// warm-up with N clients (the app's code for a cache hit and for the trivial endpoint is then compiled to
/// its optimised tier, as in a server that has been answering for a while), then they alternate (page ×1,
/// trivial ×1, page ×N, trivial ×N) so that both see the same moment of a shared machine, with the same
/// request bound. Pages that are not answered from the cache (caching off, or staff) keep the smaller bound.
/// </summary>
public static class LoadPlan
{
    public static string TrivialPath(long bytes) => $"/benchmark/bytes?length={bytes.ToString(CultureInfo.InvariantCulture)}";

    public static IReadOnlyList<LoadCell> For(PageCase page, bool cached, long bytes, PagesOptions o)
    {
        var mode = cached ? "warm" : "cold";
        int[] clientCounts = [1, o.Clients];
        if (!cached || page.AsStaff)
        {
            return [.. clientCounts.Select(c => new LoadCell(mode, page.Path, page.AsStaff, c, o.MaxRequests, Measured: true))];
        }

        var trivial = TrivialPath(bytes);
        var cells = new List<LoadCell>
        {
            new(mode, page.Path, false, o.Clients, o.WarmUpRequests, Measured: false),
            new("trivial", trivial, false, o.Clients, o.WarmUpRequests, Measured: false),
        };
        foreach (var clients in clientCounts)
        {
            cells.Add(new(mode, page.Path, false, clients, o.MaxCachedRequests, Measured: true));
            cells.Add(new("trivial", trivial, false, clients, o.MaxCachedRequests, Measured: true));
        }

        return cells;
    }
}
