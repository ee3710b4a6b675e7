using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveChat.Web.BrowserTests;

/// <summary>A seeded agent signed in to the demo's inbox (feature W4), in a browser context of their own.</summary>
internal sealed class AgentPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private AgentPage(IBrowserContext context, IPage page, PageWatch watch)
    {
        _context = context;
        Page = page;
        Watch = watch;
    }

    public IPage Page { get; }

    public PageWatch Watch { get; }

    public ILocator Alerts => Page.Locator("#alerts .alert");

    public ILocator Log => Page.Locator("#log");

    public ILocator Composer => Page.Locator("#composer");

    public static async Task<AgentPage> SignInAsync(IBrowser browser, DemoServer server, string agent, bool online = true, ViewportSize? viewport = null)
    {
        var (context, page, watch) = await PageWatch.NewPageAsync(browser, server, viewport ?? new ViewportSize { Width = 1400, Height = 900 });
        var me = new AgentPage(context, page, watch);
        await page.GotoAsync("/inbox");
        await page.Locator("#agent").SelectOptionAsync(agent);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("#me")).Not.ToBeEmptyAsync();
        if (online)
        {
            await page.Locator("#status").SelectOptionAsync("Online");
            await DemoServer.WaitUntilAsync(
                async () => (await server.Engine.Agents.GetAsync(DemoSeed.Workspace, new(agent))).Status == Core.Agents.AgentStatus.Online,
                $"{agent} is online");
        }

        return me;
    }

    /// <summary>Claims the request of the first alert.</summary>
    public Task ClaimFirstAlertAsync() => Alerts.First.GetByRole(AriaRole.Button, new() { Name = "Claim" }).ClickAsync();

    public ILocator Count(string folder) => Page.Locator($"[data-count=\"{folder}\"]");

    public async Task FolderAsync(string folder) => await Page.Locator($"[data-folder=\"{folder}\"]").ClickAsync();

    public ILocator Conversations => Page.Locator("#list button");

    public ILocator Message(string text) => Page.Locator("#log .message .text").Filter(new() { HasTextString = text });

    public async Task OpenAsync(int number)
    {
        await Page.Locator("#list button").Filter(new() { HasTextString = $"#{number}" }).ClickAsync();
        await Expect(Page.Locator("#title")).ToContainTextAsync($"#{number}");
    }

    public async Task SendAsync(string text)
    {
        await Page.Locator("#reply").FillAsync(text);
        await Page.Locator("#reply").PressAsync("Enter");
        await Expect(Message(text)).ToHaveCountAsync(1);
    }

    public Task<string[]> CspViolationsAsync() => PageWatch.CspViolationsAsync(Page);

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
