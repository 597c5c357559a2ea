using System.Globalization;

namespace EmploymentDashboard.Web.Infrastructure;

/// <summary>
/// An endpoint for the benchmark only (bench/pages.sh): <c>GET /benchmark/bytes?length=N</c> answers N bytes of
/// HTML from memory, with no database and no rendering. It is the "trivial endpoint of the same app" that cached
/// pages are compared with. It exists only when <c>Dashboard:BenchmarkEndpoints</c> is true (default false);
/// otherwise the address matches nothing and answers 404.
/// </summary>
public static class BenchmarkEndpoints
{
    public const string SettingKey = DashboardOptions.SectionName + ":BenchmarkEndpoints";

    public const string BytesPath = "/benchmark/bytes";

    /// <summary>The largest body it serves: more than any page, small enough to keep in memory.</summary>
    public const int MaxLength = 16 * 1024 * 1024;

    private static readonly Lazy<byte[]> _body = new(CreateBody);

    public static void MapBenchmarkEndpoints(this WebApplication app)
    {
        if (!app.Configuration.GetValue(SettingKey, false))
        {
            return;
        }

        app.MapGet(BytesPath, (HttpContext context) =>
        {
            var text = context.Request.Query["length"].ToString();
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > MaxLength)
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    detail: $"length must be a whole number of bytes from 0 to {MaxLength.ToString(CultureInfo.InvariantCulture)}.");
            }

            return Results.Bytes(_body.Value.AsMemory(0, length), "text/html; charset=utf-8");
        }).AllowAnonymous();
    }

    /// <summary>ASCII text with a line break every 100 bytes, so that it is a plausible HTML body of any length.</summary>
    private static byte[] CreateBody()
    {
        var body = new byte[MaxLength];
        for (var i = 0; i < body.Length; i++)
        {
            body[i] = i % 100 == 99 ? (byte)'\n' : (byte)('a' + (i % 26));
        }

        return body;
    }
}
