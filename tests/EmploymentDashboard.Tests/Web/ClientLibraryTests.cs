using System.Text.Json;
using EmploymentDashboard.Tests.Infrastructure;

namespace EmploymentDashboard.Tests.Web;

/// <summary>The committed Chart.js files are the ones libman.json pins, so `libman restore` gives the same bytes.</summary>
public sealed class ClientLibraryTests
{
    [Fact]
    public void Committed_chart_js_is_the_version_libman_json_pins()
    {
        var web = RepositoryFiles.PathOf("src", "EmploymentDashboard.Web");
        using var libman = JsonDocument.Parse(File.ReadAllText(Path.Combine(web, "libman.json")));
        var library = libman.RootElement.GetProperty("libraries").EnumerateArray()
            .Single(l => l.GetProperty("library").GetString()!.StartsWith("chart.js@", StringComparison.Ordinal));
        var version = library.GetProperty("library").GetString()!["chart.js@".Length..];
        var destination = library.GetProperty("destination").GetString()!;

        foreach (var file in library.GetProperty("files").EnumerateArray().Select(f => f.GetString()!))
        {
            Assert.True(File.Exists(Path.Combine(web, destination, file)), $"{file} is pinned in libman.json but not committed under {destination}.");
        }

        var header = File.ReadLines(Path.Combine(web, destination, "dist", "chart.umd.min.js")).Take(3);
        Assert.Contains(header, line => line.Contains($"Chart.js v{version}", StringComparison.Ordinal));
    }
}
