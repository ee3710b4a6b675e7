using Microsoft.Playwright;

namespace LiveChat.Web.BrowserTests;

/// <summary>
/// What a page did that it must not: an uncaught script error, a dialog (alert, confirm, prompt: how an injected script
/// shows itself) and a Content-Security-Policy violation, each recorded from the page's own events.
/// </summary>
internal sealed class PageWatch
{
    private readonly List<string> _problems = [];

    public PageWatch(IPage page)
    {
        page.PageError += (_, error) => Add($"page error: {error}");
        page.Dialog += async (_, dialog) =>
        {
            Add($"dialog: {dialog.Message}");
            await dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                Add($"CSP: {message.Text}");
            }
        };
    }

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

    /// <summary>
    /// A new browser context of its own (no shared cookies) on the demo, with one page whose problems are watched and whose
    /// <c>securitypolicyviolation</c> events, which report every CSP violation, are kept in <c>window.__cspViolations</c>.
    /// </summary>
    public static async Task<(IBrowserContext Context, IPage Page, PageWatch Watch)> NewPageAsync(IBrowser browser, DemoServer server, ViewportSize viewport)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Url.ToString(), ViewportSize = viewport });
        var page = await context.NewPageAsync();
        var watch = new PageWatch(page);
        await page.AddInitScriptAsync("window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
        return (context, page, watch);
    }

    /// <summary>The CSP violations the page reported.</summary>
    public static async Task<string[]> CspViolationsAsync(IPage page) => await page.EvaluateAsync<string[]>("() => window.__cspViolations");

    private void Add(string problem)
    {
        lock (_problems)
        {
            _problems.Add(problem);
        }
    }
}
