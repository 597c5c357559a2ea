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
}
