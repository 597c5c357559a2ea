using Microsoft.Playwright;

namespace EmploymentDashboard.BrowserTests.Infrastructure;

/// <summary>
/// A browser context with one page that records what a user would not see but a broken page shows:
/// console errors, uncaught exceptions, Content-Security-Policy violations and failed requests.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    // Runs before the page's own scripts, outside the page's CSP (Playwright injects it through the
    // DevTools protocol), so it also sees violations by the page's first script.
    private const string CspListener = """
        (() => {
          window.__cspViolations = [];
          document.addEventListener("securitypolicyviolation", (e) => {
            const text = `${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"} at ${e.sourceFile || location.href}:${e.lineNumber}`;
            window.__cspViolations.push(text);
            window.__reportCspViolation(text);
          });
        })();
        """;

    private readonly List<string> _problems = [];
    private readonly DashboardBrowserFixture _fixture;

    private BrowserSession(IBrowserContext context, IPage page, DashboardBrowserFixture fixture)
    {
        Context = context;
        Page = page;
        _fixture = fixture;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public static async Task<BrowserSession> OpenAsync(IBrowser browser, BrowserNewContextOptions options, DashboardBrowserFixture fixture)
    {
        var context = await browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var session = new BrowserSession(context, page, fixture);
        await context.ExposeFunctionAsync<string>("__reportCspViolation", session.Record("CSP violation"));
        await context.AddInitScriptAsync(CspListener);
        page.Console += (_, message) =>
        {
            // Chromium asks for /favicon.ico on its own, at some moment after the page loaded; the app
            // has none (yet), and whether the 404 arrives before a test ends is down to timing.
            if (message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal))
            {
                session.Record("console error")($"{message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => session.Record("uncaught exception")(error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                session.Record("failed request")($"{response.Status} {response.Request.Method} {response.Url}");
            }
        };
        page.RequestFailed += (_, request) => session.Record("failed request")($"{request.Method} {request.Url}: {request.Failure}");
        return session;
    }

    /// <summary>The last lines the app wrote, for failure messages.</summary>
    public string AppLog => _fixture.App.RecentLog;

    /// <summary>Everything recorded so far, one line each.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
            {
                return [.. _problems];
            }
        }
    }

    /// <summary>Opens a path of the app and checks that it answered 200.</summary>
    public async Task<IResponse> GotoAsync(string pathAndQuery)
    {
        var response = await Page.GotoAsync(pathAndQuery) ?? throw new InvalidOperationException($"No response for {pathAndQuery}.");
        Assert.True(response.Status == 200, $"GET {pathAndQuery} answered {response.Status}. The app's output:{Environment.NewLine}{AppLog}");
        return response;
    }

    /// <summary>Signs in through the real form (antiforgery token and cookie handled by the browser) and waits for the staff view.</summary>
    public async Task SignInAsync(string email, string password)
    {
        await GotoAsync("/Account/SignIn");
        await Page.Locator("#email").FillAsync(email);
        await Page.Locator("#password").FillAsync(password);
        var answer = await Page.RunAndWaitForResponseAsync(
            () => Page.Locator("main form button[type='submit']").ClickAsync(),
            r => r.Request.Method == "POST");
        Assert.True(answer.Status == 302, $"Signing in as {email} answered {answer.Status}, not the redirect to the staff view. The app's output:{Environment.NewLine}{AppLog}");
        await Page.Locator("[data-audience='staff']").WaitForAsync();
    }

    /// <summary>Fails with the recorded problems (and the page's own CSP record), if there are any.</summary>
    public async Task AssertNoProblemsAsync()
    {
        var inPage = await Page.EvaluateAsync<string[]?>("() => window.__cspViolations ?? null");
        Assert.NotNull(inPage);
        Assert.Empty(inPage);
        var problems = Problems;
        Assert.True(problems.Count == 0, "The browser reported:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
    }

    /// <summary>Saves a full-page screenshot into <see cref="DashboardBrowserFixture.OutputDirectory"/> and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(DashboardBrowserFixture.OutputDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();

    private Action<string> Record(string kind) => text =>
    {
        lock (_problems)
        {
            _problems.Add($"{kind}: {text}");
        }
    };
}
