using EmploymentDashboard.BrowserTests.Infrastructure;

namespace EmploymentDashboard.BrowserTests;

/// <summary>The checks the other tests rely on can fail: a clean report means something.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HarnessTests(DashboardBrowserFixture fixture)
{
    [Fact]
    public async Task An_inline_script_is_blocked_by_the_csp_and_reported()
    {
        await using var session = await fixture.NewSessionAsync();
        await session.GotoAsync("/Methodology");

        await session.Page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.body.appendChild(s); }");

        Assert.False(await session.Page.EvaluateAsync<bool>("() => window.__ran === true"), "the inline script ran: no CSP?");
        await session.Page.WaitForFunctionAsync("() => window.__cspViolations.length > 0");
        var failure = await Assert.ThrowsAnyAsync<Exception>(session.AssertNoProblemsAsync);
        Assert.Contains("script-src", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_script_error_is_reported()
    {
        await using var session = await fixture.NewSessionAsync();
        await session.GotoAsync("/Methodology");

        await session.Page.EvaluateAsync("() => setTimeout(() => { throw new Error('boom'); }, 0)");
        await session.Page.WaitForTimeoutAsync(200);

        Assert.Contains(session.Problems, p => p.Contains("boom", StringComparison.Ordinal));
    }
}
