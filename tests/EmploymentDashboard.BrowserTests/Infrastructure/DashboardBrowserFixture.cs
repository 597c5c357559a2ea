using Microsoft.Playwright;

namespace EmploymentDashboard.BrowserTests.Infrastructure;

/// <summary>
/// One app process (with its own database) and one headless Chromium, shared by every browser test;
/// each test opens its own <see cref="BrowserSession"/> (a fresh browser context: no shared cookies).
/// </summary>
public sealed class DashboardBrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's package; ./test.sh installs it. Playwright never downloads a browser here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    private TestServerDatabase? _database;
    private DashboardProcess? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress => App.BaseAddress;

    public DashboardProcess App => _app ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>Where screenshots and other files for a human go: next to the test assembly, never committed.</summary>
    public static string OutputDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "browser-output");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (./test.sh does it: apt-get install -y chromium).");
        }

        Directory.CreateDirectory(OutputDirectory);
        try
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
                Timeout = 60_000,
            });
            _database = await TestServerDatabase.CreateAsync();
            _app = await DashboardProcess.StartAsync(_database.ConnectionString);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
            _database = null;
        }
    }

    /// <summary>A new browser context and page that record console errors, CSP violations and failed requests.</summary>
    public Task<BrowserSession> NewSessionAsync(BrowserNewContextOptions? options = null)
    {
        var browser = _browser ?? throw new InvalidOperationException("The fixture is not initialised.");
        options ??= new BrowserNewContextOptions();
        options.BaseURL = BaseAddress.ToString();
        options.AcceptDownloads = true;
        options.Locale ??= "ru-RU";
        options.ViewportSize ??= new ViewportSize { Width = 1280, Height = 900 };
        return BrowserSession.OpenAsync(browser, options, this);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<DashboardBrowserFixture>
{
    public const string Name = "Browser";
}
