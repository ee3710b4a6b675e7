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

    /// <summary>Listens in the page for <c>securitypolicyviolation</c> events, which report every CSP violation.</summary>
    public static Task ListenForViolationsAsync(IPage page)
        => page.AddInitScriptAsync("window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");

    private void Add(string problem)
    {
        lock (_problems)
        {
            _problems.Add(problem);
        }
    }
}
