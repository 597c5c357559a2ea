namespace EmploymentDashboard.Bench;

/// <summary>What reading one CSV stream to its end gave: lines, bytes and the time to the first byte.</summary>
public sealed record StreamTally(long Lines, long Bytes, TimeSpan FirstByte, bool EndsWithNewline);

/// <summary>Reads a stream to its end counting line feeds, keeping nothing but a 64 KiB buffer.</summary>
public static class LineCounter
{
    public static async Task<StreamTally> CountAsync(Stream stream, System.Diagnostics.Stopwatch clock, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        long lines = 0, bytes = 0;
        var firstByte = TimeSpan.Zero;
        byte last = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (bytes == 0)
            {
                firstByte = clock.Elapsed;
            }

            var span = buffer.AsSpan(0, read);
            lines += span.Count((byte)'\n');
            bytes += read;
            last = span[^1];
        }

        return new StreamTally(lines, bytes, firstByte, last == (byte)'\n');
    }
}
