using System.Text;

namespace EmploymentDashboard.Bench;

/// <summary>The outcome of comparing the export with psql's output: equal, or where they first differ.</summary>
public sealed record ContentComparison(long Lines, bool Equal, string? FirstDifference);

/// <summary>
/// Reads the export and psql's output side by side, line by line, and compares them after the harmless
/// differences are taken out: the export's byte order mark and CRLF line ends. Nothing is kept but two lines.
/// </summary>
public static class ContentCheck
{
    public static async Task<ContentComparison> CompareAsync(
        DashboardClient client, string exportPath, PsqlCopy psql, CancellationToken cancellationToken)
    {
        using var response = await client.OpenAsync(exportPath, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var export = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var process = psql.Start();
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var baseline = process.StandardOutput;

        long lines = 0;
        string? difference = null;
        while (true)
        {
            var left = await export.ReadLineAsync(cancellationToken);
            var right = await baseline.ReadLineAsync(cancellationToken);
            if (left is null && right is null)
            {
                break;
            }

            lines++;
            if (left != right)
            {
                difference = $"line {lines}: export `{Shorten(left)}`, psql `{Shorten(right)}`";
                break;
            }
        }

        if (difference is not null && !process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync(cancellationToken);
        if (difference is null)
        {
            PsqlCopy.EnsureSuccess(process, await errors);
        }

        return new ContentComparison(lines, difference is null, difference);
    }

    private static string Shorten(string? line) => line switch
    {
        null => "(end of data)",
        { Length: > 200 } => line[..200] + "…",
        _ => line,
    };
}
