using System.Diagnostics;

namespace LiveChat.Web.BrowserTests.Scenarios;

/// <summary>
/// Ctrl+C on the web demo (feature X1): with a visitor and an agent connected and a chat between them, the host stops
/// before its shutdown timeout runs out: nothing holds the stop (the hubs close their connections as the host stops, and
/// refuse the widget's and the inbox's reconnection while it stops; no hosted service waits for them). A stop that had to
/// be cut by the timeout takes the whole timeout: before the refusal, 1 run in 3 did, when the widget reconnected in the
/// stop's first second.
/// </summary>
/// <remarks>
/// The test lengthens the demo's 2 s timeout to 30 s and allows half of it: a held stop still takes the whole 30 s and
/// fails, while a slow machine's graceful close (one CI run closed the two WebSockets in just over 2 s, so the demo's own
/// timeout cut it) no longer reads as a held one. This is a hang check, not a performance figure.
/// </remarks>
[Collection(SharedBrowser.Name)]
public sealed class X1_ShutdownTests(BrowserFixture browser)
{
    [Fact]
    public async Task StopAsync_VisitorAndAgentConnected_StopsWithinTheShutdownTimeout()
    {
        var timeout = TimeSpan.FromSeconds(30);
        await using var server = await DemoServer.StartAsync(shutdownTimeout: timeout);
        await using var alice = await AgentPage.SignInAsync(browser.Browser, server, "alice");
        await using var visitor = await VisitorPage.OpenAsync(browser.Browser, server);
        await visitor.HandOverToAsync(alice, "Alice Martin");

        var clock = Stopwatch.StartNew();
        await server.StopAsync();
        clock.Stop();

        clock.Elapsed.Should().BeLessThan(timeout / 2, "nothing may hold the stop until the timeout cuts it");
    }
}
