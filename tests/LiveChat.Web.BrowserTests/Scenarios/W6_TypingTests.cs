using static Microsoft.Playwright.Assertions;

namespace LiveChat.Web.BrowserTests.Scenarios;

/// <summary>
/// Typing indicators (feature W6) between the widget and the inbox: each side sees the other typing, and it goes away
/// when the message is sent.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class W6_TypingTests(BrowserFixture browser)
{
    [Fact]
    public async Task Typing_BothWays_ShownOnTheOtherSideUntilSent()
    {
        await using var server = await DemoServer.StartAsync();
        await using var alice = await AgentPage.SignInAsync(browser.Browser, server, "alice");
        await using var visitor = await VisitorPage.OpenAsync(browser.Browser, server);
        await visitor.HandOverToAsync(alice, "Alice Martin");

        // Typing key by key waits for nothing (unlike a fill): the reply box must be shown, for its owner, first.
        await Expect(alice.Page.Locator("#reply")).ToBeVisibleAsync();
        await alice.Page.Locator("#reply").PressSequentiallyAsync("One moment");
        await Expect(visitor.Page.Locator("livechat-widget .typing")).ToHaveTextAsync("Alice Martin is typing…");
        await alice.Page.Locator("#reply").PressAsync("Enter");
        await Expect(visitor.Page.Locator("livechat-widget .typing")).ToBeEmptyAsync();
        await Expect(visitor.Page.Locator("livechat-widget .input")).ToBeVisibleAsync();
        await visitor.Page.Locator("livechat-widget .input").PressSequentiallyAsync("Sure");
        await Expect(alice.Page.Locator("#typing")).ToHaveTextAsync("The visitor is typing…");
        await visitor.Page.Locator("livechat-widget .input").PressAsync("Enter");

        await Expect(alice.Page.Locator("#typing")).ToBeEmptyAsync();
        visitor.Watch.Problems.Concat(alice.Watch.Problems).Should().BeEmpty();
    }
}
