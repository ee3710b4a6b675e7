using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveChat.Web.BrowserTests;

/// <summary>A visitor on the demo's page with the widget (feature W3), in a browser context of their own.</summary>
internal sealed class VisitorPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private VisitorPage(IBrowserContext context, IPage page, PageWatch watch)
    {
        _context = context;
        Page = page;
        Watch = watch;
    }

    public IPage Page { get; }

    public PageWatch Watch { get; }

    public IBrowserContext Context => _context;

    public ILocator Widget => Page.Locator("livechat-widget");

    public ILocator Log => Page.Locator("livechat-widget .log");

    public ILocator Messages => Page.Locator("livechat-widget .log .message");

    public ILocator Choices => Page.Locator("livechat-widget .choices button");

    public ILocator Composer => Page.Locator("livechat-widget .composer");

    public ILocator Heading => Page.Locator("livechat-widget header .name");

    public ILocator TranscriptForm => Page.Locator("livechat-widget .transcript-form");

    public ILocator ContactForm => Page.Locator("livechat-widget .contact-form");

    /// <summary>Opens the visitor page and the chat, and waits until the widget is connected.</summary>
    public static async Task<VisitorPage> OpenAsync(IBrowser browser, DemoServer server, string path = "/", ViewportSize? viewport = null, Func<IPage, Task>? beforeOpen = null)
    {
        var (context, page, watch) = await PageWatch.NewPageAsync(browser, server, viewport ?? new ViewportSize { Width = 1100, Height = 800 });
        var visitor = new VisitorPage(context, page, watch);
        if (beforeOpen is not null)
        {
            await beforeOpen(page);
        }

        await page.GotoAsync(path);
        await page.Locator("livechat-widget .launcher").ClickAsync();
        await visitor.ConnectedAsync();
        return visitor;
    }

    public Task ConnectedAsync() => Expect(Widget).ToHaveAttributeAsync("data-connection", "online");

    public async Task SayAsync(string text)
    {
        var input = Page.Locator("livechat-widget .input");
        await input.FillAsync(text);
        await input.PressAsync("Enter");
        await Expect(Page.Locator("livechat-widget .message.visitor .text").Filter(new() { HasTextString = text })).ToHaveCountAsync(1);
    }

    /// <summary>Clicks the bot's <paramref name="index"/>-th answer button (from 0), whatever the language.</summary>
    public async Task ChooseAsync(int index)
    {
        await Expect(Choices.Nth(index)).ToBeVisibleAsync();
        await Choices.Nth(index).ClickAsync();
    }

    /// <summary>Goes the playbook's prospect path to a person: "No, not yet", then "Talk to a person".</summary>
    public async Task AskForAPersonAsync()
    {
        await ChooseAsync(1);
        await ChooseAsync(0);
    }

    /// <summary>Asks for a person and has <paramref name="agent"/> claim the request; returns once the widget shows their name.</summary>
    public async Task HandOverToAsync(AgentPage agent, string agentName)
    {
        await AskForAPersonAsync();
        await agent.ClaimFirstAlertAsync();
        await Expect(Heading).ToHaveTextAsync(agentName);
    }

    /// <summary>Fills the "introduce yourself" form: the name first, then e-mail and phone (feature E1).</summary>
    public async Task IntroduceAsync(string name, string email, string? phone = null)
    {
        var form = ContactForm;
        await Expect(form).ToBeVisibleAsync();
        await form.Locator("input[name=name]").FillAsync(name);
        await form.GetByRole(AriaRole.Button).First.ClickAsync();
        await form.Locator("input[name=email]").FillAsync(email);
        if (phone is not null)
        {
            await form.Locator("input[name=phone]").FillAsync(phone);
        }

        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(Page.Locator("livechat-widget .log .contact-done")).ToBeVisibleAsync();
    }

    public ILocator Message(string text) => Page.Locator("livechat-widget .log .message .text").Filter(new() { HasTextString = text });

    public Task<string[]> CspViolationsAsync() => PageWatch.CspViolationsAsync(Page);

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
