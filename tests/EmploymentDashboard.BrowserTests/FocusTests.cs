using EmploymentDashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace EmploymentDashboard.BrowserTests;

/// <summary>
/// Every kind of focusable element shows the same focus indicator, with at least 3:1 contrast (WCAG SC
/// 1.4.11) against the background it sits on; table scroll boxes are tab stops only when they scroll.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FocusTests(DashboardBrowserFixture fixture)
{
    // Focuses the element as the keyboard would (Tab first, so that :focus-visible applies) and reads the
    // outline and the colour of the nearest ancestor with a background, which is what the outline is drawn on.
    private const string MeasureFocus = """
        (el) => {
          el.scrollIntoView({ block: "center" });
          el.focus();
          const parse = (c) => (c.match(/[\d.]+/g) || []).map(Number);
          const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
          const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
          let node = el.parentElement, background = "rgb(255, 255, 255)";
          for (; node; node = node.parentElement) {
            const bg = getComputedStyle(node).backgroundColor;
            const rgba = parse(bg);
            if (rgba.length >= 3 && (rgba.length < 4 || rgba[3] > 0)) { background = bg; break; }
          }
          const style = getComputedStyle(el);
          const [l1, l2] = [luminance(parse(style.outlineColor)), luminance(parse(background))];
          return {
            focused: document.activeElement === el,
            focusVisible: el.matches(":focus-visible"),
            style: style.outlineStyle,
            width: parseFloat(style.outlineWidth),
            colour: style.outlineColor,
            background,
            contrast: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05),
          };
        }
        """;

    /// <summary>(page, selector, what it is and where): links, buttons, summary, inputs, selects, checkboxes, scroll boxes, canvas on white, the grey panel, the light blue strip and the dark header.</summary>
    public static TheoryData<string, string, string> Elements => new()
    {
        { "/", ".view-marker--public a", "link on the light blue public-view strip" },
        { "/", ".main-nav a", "link in the dark blue navigation" },
        { "/", ".language-switcher a", "link in the dark blue header" },
        { "/", "main .definition-link", "link on white" },
        { "/", ".filter-panel .filters__actions a", "link on the grey filter panel" },
        { "/", ".filter-panel summary", "summary on the grey filter panel" },
        { "/", ".filter-panel button[type='submit']", "button on the grey filter panel" },
        { "/", ".chart-download", "button on white" },
        { "/", ".display-switch", "button in the dark blue header" },
        { "/", ".filter-panel select[name='year']", "select on the grey filter panel" },
        { "/", ".filter-panel select[name='measure']", "multiple select on the grey filter panel" },
        { "/", ".filter-panel input[name='from']", "text input on the grey filter panel" },
        { "/", ".filter-panel input[type='checkbox']", "checkbox on the grey filter panel" },
        { "/", "canvas[data-chart]", "chart canvas on white" },
        { "/Quotas", ".table-scroll[tabindex]", "table scroll box on white" },
        { "/Account/SignIn", "#email", "e-mail input on white" },
        { "/Account/SignIn", "main button[type='submit']", "submit button on white" },
    };

    [Theory]
    [MemberData(nameof(Elements))]
    public async Task Focus_indicator_has_3_to_1_contrast_on_its_background(string path, string selector, string description)
    {
        foreach (var highContrast in new[] { false, true })
        {
            // Table scroll boxes are focusable only when they scroll: a narrow window makes them scroll.
            var width = selector.Contains("table-scroll", StringComparison.Ordinal) ? 400 : 800;
            await using var session = await fixture.NewSessionAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
            var page = session.Page;
            if (highContrast)
            {
                await session.Context.AddCookiesAsync([new Cookie { Name = "display", Value = "high-contrast", Url = fixture.BaseAddress.ToString() }]);
            }

            await session.GotoAsync(path);
            await page.EvaluateAsync("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })");
            await page.Keyboard.PressAsync("Tab");
            var element = page.Locator(selector).First;
            Assert.True(await element.CountAsync() == 1, $"{selector} not found on {path}");

            var focus = await element.EvaluateAsync<FocusMeasurement>(MeasureFocus);

            var mode = highContrast ? "high-contrast mode" : "normal mode";
            Assert.True(focus.Focused && focus.FocusVisible, $"{description} ({mode}): did not take visible focus");
            Assert.True(focus.Style == "solid" && focus.Width >= 3, $"{description} ({mode}): outline {focus.Style} {focus.Width}px, not the dashboard's 3 px solid outline");
            Assert.True(focus.Contrast >= 3, $"{description} ({mode}): outline {focus.Colour} on {focus.Background} has {focus.Contrast:0.00}:1, below 3:1");
        }
    }

    [Fact]
    public async Task Table_scroll_boxes_are_tab_stops_only_when_they_scroll()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.GotoAsync("/");

        var boxes = await page.Locator(".table-scroll").EvaluateAllAsync<bool[][]>(
            "(all) => all.map((b) => [b.scrollWidth > b.clientWidth + 1, b.getAttribute('tabindex') === '0'])");
        Assert.NotEmpty(boxes);
        Assert.All(boxes, b => Assert.Equal(b[0], b[1]));
        Assert.Contains(boxes, b => !b[0]);

        // The overview's tab stops: none of them is a scroll box that does not scroll.
        var stops = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll("a[href], button:not([hidden]), summary, input:not([type=hidden]), select, [tabindex]")]
              .filter((e) => e.tabIndex >= 0 && e.getClientRects().length > 0 && !e.closest("details:not([open]) > :not(summary)"))
              .map((e) => e.matches(".table-scroll") ? "scroll:" + (e.scrollWidth > e.clientWidth + 1) : e.tagName)
            """);
        Assert.DoesNotContain("scroll:False", stops);

        // Narrow the window: the wide tables now scroll and become tab stops, and stop again when it widens.
        await page.SetViewportSizeAsync(360, 800);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.table-scroll')].every((b) => (b.scrollWidth > b.clientWidth + 1) === (b.getAttribute('tabindex') === '0'))");
        Assert.True(await page.Locator(".table-scroll[tabindex='0']").CountAsync() > 0, "no table scrolls at 360 px");
        await page.SetViewportSizeAsync(1280, 900);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.table-scroll')].every((b) => (b.scrollWidth > b.clientWidth + 1) === (b.getAttribute('tabindex') === '0'))");
        await session.AssertNoProblemsAsync();
    }

    private sealed class FocusMeasurement
    {
        public bool Focused { get; set; }

        public bool FocusVisible { get; set; }

        public string Style { get; set; } = string.Empty;

        public double Width { get; set; }

        public string Colour { get; set; } = string.Empty;

        public string Background { get; set; } = string.Empty;

        public double Contrast { get; set; }
    }
}
