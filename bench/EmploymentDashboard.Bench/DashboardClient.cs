using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace EmploymentDashboard.Bench;

/// <summary>Talks to the web app like a browser: signs in with the form, keeps the cookies, downloads exports.</summary>
public sealed partial class DashboardClient : IDisposable
{
    private const int MaxRateLimitWaits = 5;
    private readonly HttpClient _http;

    public DashboardClient(Uri baseUrl)
    {
        var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The underlying client, with the session cookie once signed in.</summary>
    public HttpClient Http => _http;

    public async Task SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var page = await _http.GetStringAsync("/Account/SignIn", cancellationToken);
        var token = AntiforgeryField().Match(page) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups["value"].Value)
            : throw new InvalidOperationException("no __RequestVerificationToken on /Account/SignIn");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Email"] = email,
            ["Form.Password"] = password,
            ["__RequestVerificationToken"] = token,
        });
        using var response = await _http.PostAsync("/Account/SignIn", form, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in as {email} answered {(int)response.StatusCode}, not 302");
        }
    }

    /// <summary>
    /// Downloads one export and counts its lines without keeping the body. The clock runs from sending the
    /// request to the last byte; a 429 is waited out (Retry-After) and not counted.
    /// </summary>
    public async Task<(StreamTally Tally, TimeSpan Elapsed)> DownloadAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await SendAsync(pathAndQuery, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < MaxRateLimitWaits)
            {
                await WaitRetryAfterAsync(response, cancellationToken);
                continue;
            }

            EnsureExport(response, pathAndQuery);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var tally = await LineCounter.CountAsync(body, clock, cancellationToken);
            return (tally, clock.Elapsed);
        }
    }

    /// <summary>Opens an export for reading line by line (the content check); 429 is waited out.</summary>
    public async Task<HttpResponseMessage> OpenAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await SendAsync(pathAndQuery, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < MaxRateLimitWaits)
            {
                await WaitRetryAfterAsync(response, cancellationToken);
                response.Dispose();
                continue;
            }

            EnsureExport(response, pathAndQuery);
            return response;
        }
    }

    public void Dispose() => _http.Dispose();

    private Task<HttpResponseMessage> SendAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        return _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private static async Task WaitRetryAfterAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(60);
        Console.Error.WriteLine($"[bench] 429 Too Many Requests; waiting {wait.TotalSeconds:0} s (Retry-After)");
        await Task.Delay(wait + TimeSpan.FromSeconds(1), cancellationToken);
    }

    private static void EnsureExport(HttpResponseMessage response, string pathAndQuery)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var where = response.Headers.Location is { } location ? $" (Location: {location})" : "";
            throw new InvalidOperationException($"GET {pathAndQuery} answered {(int)response.StatusCode}{where}");
        }

        var type = response.Content.Headers.ContentType?.MediaType;
        if (type != "text/csv")
        {
            throw new InvalidOperationException($"GET {pathAndQuery} answered Content-Type {type}, not text/csv");
        }
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*?value=""(?<value>[^""]+)""|value=""(?<value>[^""]+)""[^>]*?name=""__RequestVerificationToken""")]
    private static partial Regex AntiforgeryField();
}
