using System.Text;
using EmploymentDashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EmploymentDashboard.BrowserTests;

/// <summary>A printed page keeps the figures and what they were filtered by, not the controls.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PrintTests(DashboardBrowserFixture fixture)
{
    [Fact]
    public async Task Print_media_hides_the_controls_and_shows_the_filter_summary()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.GotoAsync("/?year=2024&district=temirtau-city");
        Assert.True(await page.Locator(".filter-panel").IsVisibleAsync());
        Assert.True(await page.Locator(".chart-download").First.IsVisibleAsync());

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        Assert.False(await page.Locator(".filter-panel").IsVisibleAsync());
        Assert.Equal(0, await page.Locator(".chart-download:visible").CountAsync());
        Assert.Equal(0, await page.Locator(".main-nav:visible, .language-switcher:visible").CountAsync());
        Assert.True(await page.Locator("[data-filter-summary]").IsVisibleAsync());
        Assert.True(await page.Locator("#placements-table").IsVisibleAsync());
        await session.AssertNoProblemsAsync();
    }

    [Fact]
    public async Task Page_prints_to_a_pdf()
    {
        await using var session = await fixture.NewSessionAsync();
        await session.GotoAsync("/");

        var pdf = await session.Page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });

        Assert.True(pdf.Length > 20_000, $"the PDF has only {pdf.Length} bytes");
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        await session.AssertNoProblemsAsync();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Quotas")]
    [InlineData("/Context")]
    [InlineData("/Grants")]
    public async Task Printed_tables_keep_every_column_and_charts_never_cover_them(string path)
    {
        // An A4 page is 794 CSS px wide; with the default margins about 700 px are printed.
        await using var session = await fixture.NewSessionAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 700, Height = 1000 } });
        var page = session.Page;
        await session.GotoAsync(path);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await page.WaitForTimeoutAsync(300);

        var problems = await page.EvaluateAsync<string[]>("""
            () => {
              const width = document.documentElement.clientWidth;
              const problems = [];
              const tables = [...document.querySelectorAll("table")];
              for (const table of tables) {
                for (const cell of table.querySelectorAll("th, td")) {
                  const r = cell.getBoundingClientRect();
                  if (r.width > 0 && r.right > width + 1) { problems.push(`${table.id}: column "${cell.textContent.trim()}" ends at ${Math.round(r.right)} px, past the page (${width} px)`); break; }
                }
              }
              for (const canvas of document.querySelectorAll("canvas")) {
                const c = canvas.getBoundingClientRect();
                if (c.right > width + 1) problems.push(`${canvas.id} is ${Math.round(c.width)} px wide, wider than the page`);
                if (c.height < 50) problems.push(`${canvas.id} is only ${Math.round(c.height)} px high`);
                for (const table of tables) {
                  const t = table.getBoundingClientRect();
                  if (c.left < t.right && t.left < c.right && c.top < t.bottom && t.top < c.bottom) problems.push(`${canvas.id} covers ${table.id}`);
                }
              }
              for (const control of document.querySelectorAll(".table-downloads, .chart-download, .display-switch, .filter-panel")) {
                if (control.getClientRects().length > 0) problems.push(`${control.className} is printed`);
              }
              return problems;
            }
            """);

        Assert.True(problems.Length == 0, string.Join(Environment.NewLine, problems));

        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        await session.AssertNoProblemsAsync();
    }
}
