using System.Globalization;
using System.Text;
using EmploymentDashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EmploymentDashboard.BrowserTests;

/// <summary>A staff member imports a file through the page in a real browser and sees the dashboard change.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportTests(DashboardBrowserFixture fixture)
{
    [Fact]
    public async Task Staff_upload_a_file_read_the_preview_commit_and_see_the_dashboard_change()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.SignInAsync(DashboardPages.StaffAccount.Email, DashboardPages.StaffAccount.Password);
        await session.GotoAsync("/?year=2023&lang=en");
        var before = long.Parse((await page.Locator("[data-indicator='people_covered']").GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);

        await session.GotoAsync("/Import?lang=en");
        await page.Locator("input[name='dataset'][value='placements']").CheckAsync();
        await page.Locator("#import-year").SelectOptionAsync("2023");
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = "placements-2023.csv", MimeType = "text/csv", Buffer = File2023() });
        await page.Locator("form[data-import-form] button[type='submit']").ClickAsync();
        await page.Locator("[data-import-preview]").WaitForAsync();

        Assert.Equal("3", (await page.Locator("[data-count='added']").InnerTextAsync()).Trim());
        Assert.Equal((before + 3).ToString("N0", CultureInfo.GetCultureInfo("en")), (await page.Locator("[data-total='PeopleCovered'] [data-after]").InnerTextAsync()).Trim());

        await page.Locator("button[data-commit]").ClickAsync();
        await page.Locator("[data-import-committed]").WaitForAsync();
        await session.AssertNoProblemsAsync();

        await session.GotoAsync("/?year=2023&lang=en");
        Assert.Equal((before + 3).ToString(CultureInfo.InvariantCulture), await page.Locator("[data-indicator='people_covered']").GetAttributeAsync("data-value"));
    }

    [Fact]
    public async Task While_the_server_checks_a_file_the_page_shows_progress_with_the_time_elapsed_and_blocks_a_second_submit()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.SignInAsync(DashboardPages.StaffAccount.Email, DashboardPages.StaffAccount.Password);
        await session.GotoAsync("/Import?lang=en");

        // A long import, as the browser sees it: the answer to the upload comes after four seconds.
        await page.RouteAsync(url => url.Contains("/Import?handler=Preview", StringComparison.Ordinal), async route =>
        {
            await Task.Delay(TimeSpan.FromSeconds(4));
            await route.ContinueAsync();
        });
        await page.Locator("input[name='dataset'][value='placements']").CheckAsync();
        await page.Locator("#import-year").SelectOptionAsync("2023");
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = "placements-2023.csv", MimeType = "text/csv", Buffer = File2023() });

        // Read inside the page while the upload is answered: Playwright's own locators wait for a navigation to end.
        var seen = await page.EvaluateAsync<string[]>("""
            () => new Promise(resolve => {
              const form = document.querySelector('form.import-form');
              const button = form.querySelector('button[type=submit]');
              const status = form.querySelector('[data-import-progress]');
              button.click();
              setTimeout(() => resolve([String(status.hidden), String(button.disabled), status.getAttribute('role'), status.innerText,
                form.querySelector('[data-import-elapsed]').textContent]), 1500);
            })
            """);

        Assert.Equal("false", seen[0]);
        Assert.Equal("true", seen[1]);
        Assert.Equal("status", seen[2]);
        Assert.Contains("Uploading and checking the file", seen[3], StringComparison.Ordinal);
        Assert.Matches("^0:0[1-2]$", seen[4]);

        await page.Locator("[data-import-preview]").WaitForAsync();
        await session.AssertNoProblemsAsync();
    }

    /// <summary>Three placements of three new people in 2023, semicolon-separated as Russian Excel writes, with valid IINs.</summary>
    private static byte[] File2023()
    {
        var text = new StringBuilder("iin;disability_group;sex;birth_year;district;measure;date\r\n");
        for (var i = 0; i < 3; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Iin(new DateOnly(1971 + i, 4, 9), 7100 + i)};II;female;{1971 + i};Караганда;vacancy;1{i}.05.2023\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>An IIN (birth date, century-and-sex digit 4 for a woman born in the 1900s, serial) with its control digit.</summary>
    private static string Iin(DateOnly birth, int serial)
    {
        while (true)
        {
            var first11 = $"{birth:yyMMdd}4{serial:0000}";
            var check = Weighted(first11, i => i + 1);
            check = check == 10 ? Weighted(first11, i => ((i + 2) % 11) + 1) : check;
            if (check < 10)
            {
                return first11 + check;
            }

            serial++;
        }
    }

    private static int Weighted(string digits, Func<int, int> weight) => Enumerable.Range(0, 11).Sum(i => (digits[i] - '0') * weight(i)) % 11;
}
