using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using EmploymentDashboard.Data.Demo;
using EmploymentDashboard.Data.Entities;

namespace EmploymentDashboard.Bench.Soak;

/// <summary>
/// The soak's importer: a signed-in member of staff who, in a loop, opens /Import, uploads a small placements file
/// (preview), commits it and waits a while, as people in the districts do. Each file has <see cref="RowsPerFile"/>
/// rows: half are people already imported by the previous file (unchanged), half are new, so the merge both adds
/// and matches. Every request is a sample of kind "import"; a preview without a commit form (the file was refused)
/// or a commit without the "committed" notice counts as an unexpected answer.
/// </summary>
public static partial class SoakImports
{
    public const int RowsPerFile = 200;

    private static readonly string[] Districts = ["karaganda-city", "temirtau-city", "abay-district", "shet-district"];
    private static readonly string[] Measures = [MeasureCodes.Vacancy, MeasureCodes.SocialJobs, MeasureCodes.PublicWorks, MeasureCodes.Training];

    public static async Task RunAsync(HttpClient http, int seed, TimeSpan pause, ConcurrentQueue<SoakSample> samples, Stopwatch clock, CancellationToken stop)
    {
        // People numbered from a range of their own per importer and run, so nothing collides with the data set.
        var first = (seed + 1) * 1_000_000 + Random.Shared.Next(0, 100_000);
        for (var file = 0; !stop.IsCancellationRequested; file++)
        {
            var ok = await ImportOnceAsync(http, Csv(first + file * RowsPerFile / 2), samples, clock, stop);
            await DelayAsync(ok ? pause : TimeSpan.FromSeconds(1), stop);
        }
    }

    /// <summary>One GET, preview and commit; false when any step failed.</summary>
    private static async Task<bool> ImportOnceAsync(HttpClient http, byte[] file, ConcurrentQueue<SoakSample> samples, Stopwatch clock, CancellationToken stop)
    {
        var page = await SendAsync(http, "/Import?lang=en", () => new HttpRequestMessage(HttpMethod.Get, "/Import?lang=en"), samples, clock, stop);
        if (page is null || AntiforgeryField().Match(page) is not { Success: true } antiforgery)
        {
            return false;
        }

        var preview = await SendAsync(http, "/Import?handler=Preview", () =>
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent(WebUtility.HtmlDecode(antiforgery.Groups["value"].Value)), "__RequestVerificationToken" },
                { new StringContent("placements"), "dataset" },
                { new StringContent("2025"), "year" },
            };
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(content, "file", "soak-placements.csv");
            return new HttpRequestMessage(HttpMethod.Post, "/Import?lang=en&handler=Preview") { Content = form };
        }, samples, clock, stop);
        if (preview is null)
        {
            return false;
        }

        var commitForm = CommitForm().Match(preview);
        if (!commitForm.Success || AntiforgeryField().Match(commitForm.Value) is not { Success: true } commitAntiforgery || CommitToken().Match(commitForm.Value) is not { Success: true } token)
        {
            samples.Enqueue(new SoakSample(clock.Elapsed, "import", "/Import?handler=Preview (refused: no commit form)", 422, 0));
            return false;
        }

        var committed = await SendAsync(http, "/Import?handler=Commit", () => new HttpRequestMessage(HttpMethod.Post, "/Import?lang=en&handler=Commit")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["token"] = token.Groups["value"].Value,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(commitAntiforgery.Groups["value"].Value),
            }),
        }, samples, clock, stop);
        if (committed is not null && !committed.Contains("data-import-committed", StringComparison.Ordinal))
        {
            samples.Enqueue(new SoakSample(clock.Elapsed, "import", "/Import?handler=Commit (no committed notice)", 422, 0));
            return false;
        }

        return committed is not null;
    }

    /// <summary>Sends one request and records it; the page's HTML when it answered 200, else null.</summary>
    private static async Task<string?> SendAsync(HttpClient http, string path, Func<HttpRequestMessage> request, ConcurrentQueue<SoakSample> samples, Stopwatch clock, CancellationToken stop)
    {
        var started = clock.Elapsed;
        var status = 0;
        string? html = null;
        try
        {
            using var message = request();
            using var response = await http.SendAsync(message, stop);
            status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(stop);
            html = status == 200 ? body : null;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            status = 0;
        }

        samples.Enqueue(new SoakSample(clock.Elapsed, "import", path, status, (clock.Elapsed - started).TotalMilliseconds));
        return html;
    }

    /// <summary>A placements file (UTF-8, comma) of people first..first+RowsPerFile-1 in 2025.</summary>
    public static byte[] Csv(int first)
    {
        var text = new StringBuilder("iin,disability_group,sex,birth_year,district,measure,date,employer_bin\r\n");
        for (var n = first; n < first + RowsPerFile; n++)
        {
            var birth = new DateOnly(1960, 1, 1).AddDays(n % 14_000);
            var date = new DateOnly(2025, 1, 1).AddDays(n % 360);
            text.Append(CultureInfo.InvariantCulture, $"{Iin(n, birth)},{1 + (n % 3)},{(n % 2 == 0 ? "female" : "male")},{birth.Year},{Districts[n % 4]},{Measures[n % 4]},{date:dd.MM.yyyy},\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A valid IIN for person n: birth date, century-and-sex digit, serial, control digit (same rule as a BIN's).</summary>
    private static string Iin(int n, DateOnly birth)
    {
        for (var serial = n % 9000; ; serial++)
        {
            var first11 = string.Create(CultureInfo.InvariantCulture, $"{birth:yyMMdd}{(n % 2 == 0 ? 4 : 3)}{serial % 10_000:0000}");
            var check = BusinessIdentificationNumber.CheckDigit(first11);
            if (check >= 0)
            {
                return first11 + check.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    private static async Task DelayAsync(TimeSpan wait, CancellationToken stop)
    {
        try
        {
            await Task.Delay(wait, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*?value=""(?<value>[^""]+)""|value=""(?<value>[^""]+)""[^>]*?name=""__RequestVerificationToken""")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex(@"<form[^>]*class=""import-commit""[\s\S]*?</form>")]
    private static partial Regex CommitForm();

    [GeneratedRegex(@"name=""token"" value=""(?<value>[^""]+)""")]
    private static partial Regex CommitToken();
}
