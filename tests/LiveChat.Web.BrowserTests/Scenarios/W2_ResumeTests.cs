using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveChat.Web.BrowserTests.Scenarios;

/// <summary>
/// Resume without loss in the widget (features W2, W3): the visitor's network is cut while the agent sends 20 messages
/// and ends the chat; when the network is back, the widget shows all 20 once, in order, and the end: reply box closed,
/// transcript form offered.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class W2_ResumeTests(BrowserFixture browser)
{
    [Fact]
    public async Task NetworkCut_AgentSends20AndEnds_AllOnceInOrderAndEndedOnReconnect()
    {
        await using var server = await DemoServer.StartAsync();
        await using var alice = await AgentPage.SignInAsync(browser.Browser, server, "alice");
        // The cut: the browser goes offline (no new request gets through) and its open WebSocket dies with it, as a
        // phone's does when it loses its network; Chromium's offline mode alone leaves an open socket alive.
        var sockets = new List<(IWebSocketRoute Page, IWebSocketRoute Server)>();
        await using var visitor = await VisitorPage.OpenAsync(browser.Browser, server, beforeOpen: page => page.RouteWebSocketAsync("**/livechat/visitor**", ws =>
        {
            lock (sockets)
            {
                sockets.Add((ws, ws.ConnectToServer()));
            }
        }));
        await visitor.HandOverToAsync(alice, "Alice Martin");

        await visitor.Context.SetOfflineAsync(true);
        foreach (var (page, serverSide) in sockets.ToArray())
        {
            await serverSide.CloseAsync();
            await page.CloseAsync();
        }

        await Expect(visitor.Widget).ToHaveAttributeAsync("data-connection", "reconnecting");
        var sent = Enumerable.Range(1, 20).Select(i => $"Reply number {i} while you were away").ToArray();
        foreach (var text in sent)
        {
            await alice.SendAsync(text);
        }

        await alice.Page.Locator("#end").ClickAsync();
        await Expect(alice.Page.Locator("#subtitle")).ToHaveTextAsync("Ended");
        await visitor.Context.SetOfflineAsync(false);

        await visitor.ConnectedAsync();
        await Expect(visitor.Composer).ToBeHiddenAsync();
        await Expect(visitor.TranscriptForm).ToBeVisibleAsync();
        var shown = await visitor.Page.Locator("livechat-widget .message.agent .text").AllTextContentsAsync();
        shown.Where(t => t.StartsWith("Reply number", StringComparison.Ordinal)).Should().Equal(sent);
        var sequences = await visitor.Page.Locator("livechat-widget .message").EvaluateAllAsync<long[]>("items => items.map(i => Number(i.dataset.sequence))");
        sequences.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        visitor.Watch.Problems.Concat(alice.Watch.Problems).Should().BeEmpty();
    }
}
