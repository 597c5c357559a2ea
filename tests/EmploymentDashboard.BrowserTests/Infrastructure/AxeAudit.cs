using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace EmploymentDashboard.BrowserTests.Infrastructure;

/// <summary>
/// Runs axe-core (bundled by Deque.AxeCore.Playwright, injected into the page through Playwright) and
/// describes its violations one line each, so that a failing test names the rule, the element and the fix.
/// </summary>
public static class AxeAudit
{
    /// <summary>WCAG 2.0–2.2 A and AA plus axe's best practices (heading order, unique landmarks, content in landmarks).</summary>
    private static readonly List<string> WcagAndBestPractice = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

    /// <summary>The violations of WCAG A/AA and axe's best practices on the page as it is now.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagAndBestPractice },
        });
        return Describe(page, result);
    }

    /// <summary>The violations of the enhanced (AAA, 7:1 and 4.5:1) colour-contrast rule alone.</summary>
    public static async Task<IReadOnlyList<string>> EnhancedContrastViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "rule", Values = ["color-contrast-enhanced"] },
        });
        return Describe(page, result);
    }

    private static List<string> Describe(IPage page, AxeResult result) =>
    [
        .. result.Violations.SelectMany(v => v.Nodes.Select(n =>
            $"{page.Url}: {v.Id} ({v.Help}) at {n.Target}: {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}")),
    ];
}
