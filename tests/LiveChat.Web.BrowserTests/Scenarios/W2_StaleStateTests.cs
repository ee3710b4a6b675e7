using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveChat.Web.BrowserTests.Scenarios;

/// <summary>
/// A late state push never undoes a newer state in the widget (features W2, W3): every state carries the conversation's
/// stored version, and the widget ignores one older than what it shows. The late push is injected into the visitor's
/// socket as the server would frame it, after the chat ended.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class W2_StaleStateTests(BrowserFixture browser)
{
    [Fact]
    public async Task LatePush_OlderVersionAfterTheEnd_WidgetStaysEnded()
    {
        await using var server = await DemoServer.StartAsync();
        await using var alice = await AgentPage.SignInAsync(browser.Browser, server, "alice");
        var sockets = new List<IWebSocketRoute>();
        await using var visitor = await VisitorPage.OpenAsync(browser.Browser, server, beforeOpen: page => page.RouteWebSocketAsync("**/livechat/visitor**", ws =>
        {
            ws.ConnectToServer();
            lock (sockets)
            {
                sockets.Add(ws);
            }
        }));
        await visitor.HandOverToAsync(alice, "Alice Martin");
        var id = await alice.Page.Locator("#list button").First.GetAttributeAsync("data-conversation");
        await alice.Page.Locator("#end").ClickAsync();
        await Expect(visitor.Widget).ToHaveAttributeAsync("data-state", "Ended");

        var socket = sockets[^1];
        socket.Send(Frame("StateChanged", new
        {
            conversationId = id, number = 1, state = "Assigned", counterpartName = "Alice Martin", lastSequence = 1,
            startedAt = DateTimeOffset.UnixEpoch, endedAt = (DateTimeOffset?)null, version = 1,
        }));
        socket.Send(Frame("Typing", new { conversationId = id, sender = "agent", displayName = "Probe", isTyping = true }));

        // Frames are handled in order: once the typing after it shows, the stale state has been seen and ignored.
        await Expect(visitor.Page.Locator("livechat-widget .typing")).ToHaveTextAsync("Probe is typing…");
        await Expect(visitor.Widget).ToHaveAttributeAsync("data-state", "Ended");
        await Expect(visitor.Composer).ToBeHiddenAsync();
        visitor.Watch.Problems.Concat(alice.Watch.Problems).Should().BeEmpty();
    }

    /// <summary>A SignalR JSON-protocol invocation of a client method, as the hub sends it.</summary>
    private static string Frame(string target, object argument)
        => System.Text.Json.JsonSerializer.Serialize(new { type = 1, target, arguments = new[] { argument } }) + "\u001e";
}
