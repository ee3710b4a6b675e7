using LiveChat.Core.Playbooks;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveChat.Web.BrowserTests.Scenarios;

/// <summary>
/// The widget's lifecycle as a visitor lives it (features W3, C2, C4, E1, E2): a page view starts nothing; opening starts
/// the conversation and the playbook greets; a reload resumes it at the newest message; an agent replaces the bot in the
/// header and the hand-off goes away; the end clears everything that asked for input and offers the transcript once; a
/// reload after the end shows the ended chat read-only until the visitor asks for a new one.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class W3_WidgetLifecycleTests(BrowserFixture browser)
{
    [Fact]
    public async Task PageLoad_WidgetNeverOpened_StartsNoConversation()
    {
        await using var server = await DemoServer.StartAsync();
        var (context, page, watch) = await PageWatch.NewPageAsync(browser.Browser, server, new ViewportSize { Width = 1100, Height = 800 });
        await using var _ = context;

        var session = await page.RunAndWaitForResponseAsync(() => page.GotoAsync("/"), r => r.Url.EndsWith("/visitor/session", StringComparison.Ordinal));
        await using var other = await VisitorPage.OpenAsync(browser.Browser, server);

        session.Status.Should().Be(204, "a page load only asks whether the visitor has a conversation");
        (await context.CookiesAsync()).Should().BeEmpty();
        await Expect(page.Locator("livechat-widget")).ToHaveAttributeAsync("data-connection", "idle");
        await Expect(other.Page.Locator("livechat-widget header .number")).ToHaveTextAsync("Conversation #1", new() { Timeout = 15_000 });
        watch.Problems.Concat(other.Watch.Problems).Should().BeEmpty();
    }

    [Fact]
    public async Task AgentJoinsThenEnds_ReloadsBetween_NewestShownAgentInHeaderEndedReadOnlyUntilANewChat()
    {
        await using var server = await DemoServer.StartAsync(new PlaybookTimers
        {
            ContactFormAfterGreeting = TimeSpan.FromMilliseconds(200),
            TranscriptOfferAfterEnd = TimeSpan.FromMilliseconds(200),
        });
        await using var alice = await AgentPage.SignInAsync(browser.Browser, server, "alice");
        await using var visitor = await VisitorPage.OpenAsync(browser.Browser, server);
        var number = visitor.Page.Locator("livechat-widget header .number");
        var icon = visitor.Page.Locator("livechat-widget header .icon");
        var human = visitor.Page.Locator("livechat-widget .actions button").Filter(new() { HasTextString = "Talk to a person" });
        var talkToAPerson = visitor.Page.GetByRole(AriaRole.Button, new() { Name = "Talk to a person", Exact = true });
        await Expect(visitor.ContactForm).ToBeVisibleAsync();
        await Expect(icon).ToHaveTextAsync("L");
        await visitor.AskForAPersonAsync();
        await alice.ClaimFirstAlertAsync();

        await Expect(visitor.Heading).ToHaveTextAsync("Alice Martin");
        await Expect(icon).ToHaveTextAsync("A");
        await Expect(talkToAPerson).ToHaveCountAsync(0);
        await Expect(human).ToBeHiddenAsync();
        var sent = Enumerable.Range(1, 15).Select(i => $"Line {i} of a long answer").ToArray();
        foreach (var text in sent)
        {
            await alice.SendAsync(text);
        }

        var firstNumber = await number.TextContentAsync();
        await visitor.Page.ReloadAsync();
        await visitor.ConnectedAsync();
        await visitor.Page.Locator("livechat-widget .launcher").ClickAsync();
        await Expect(visitor.Message(sent[^1])).ToBeInViewportAsync();
        (await visitor.Log.EvaluateAsync<bool>("log => log.scrollTop + log.clientHeight >= log.scrollHeight - 2")).Should().BeTrue("a resumed chat shows its newest message");
        await Expect(number).ToHaveTextAsync(firstNumber!);
        await Expect(icon).ToHaveTextAsync("A");
        await Expect(talkToAPerson).ToHaveCountAsync(0);

        await alice.Page.Locator("#end").ClickAsync();
        await EndedReadOnlyAsync(visitor);
        await visitor.Page.ReloadAsync();
        await visitor.ConnectedAsync();
        await visitor.Page.Locator("livechat-widget .launcher").ClickAsync();
        await EndedReadOnlyAsync(visitor);
        await Expect(number).ToHaveTextAsync(firstNumber!);

        await visitor.Page.Locator("livechat-widget .new-chat").ClickAsync();
        await Expect(visitor.Composer).ToBeVisibleAsync();
        await Expect(number).Not.ToHaveTextAsync(firstNumber!);
        await Expect(visitor.Message("I'm Leo")).ToBeVisibleAsync();
        await Expect(visitor.Message(sent[0])).ToHaveCountAsync(0);
        visitor.Watch.Problems.Concat(alice.Watch.Problems).Should().BeEmpty();
    }

    /// <summary>Ended: no reply box, no contact form, no answers, one transcript form and no second transcript button.</summary>
    private static async Task EndedReadOnlyAsync(VisitorPage visitor)
    {
        await Expect(visitor.Widget).ToHaveAttributeAsync("data-state", "Ended");
        await Expect(visitor.Composer).ToBeHiddenAsync();
        await Expect(visitor.TranscriptForm).ToHaveCountAsync(1);
        await Expect(visitor.TranscriptForm).ToBeVisibleAsync();
        await Expect(visitor.ContactForm).ToHaveCountAsync(0);
        await Expect(visitor.Choices).ToHaveCountAsync(0);
        await Expect(visitor.Page.GetByRole(AriaRole.Button, new() { Name = "E-mail me the transcript", Exact = true })).ToHaveCountAsync(1);
        await Expect(visitor.Page.Locator("livechat-widget .new-chat")).ToBeVisibleAsync();
    }
}
