using System.Diagnostics;

namespace LiveChat.Web.BrowserTests.Scenarios;

/// <summary>
/// Ctrl+C on the web demo (feature X1): with a visitor and an agent connected and a chat between them, the host stops
/// before its shutdown timeout (2 s) runs out: nothing holds the stop (the hubs close their connections as the host
/// stops, and no hosted service waits for them). A stop that had to be cut by the timeout takes the whole timeout.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class X1_ShutdownTests(BrowserFixture browser)
{
    [Fact]
    public async Task StopAsync_VisitorAndAgentConnected_StopsWithinTheShutdownTimeout()
    {
        await using var server = await DemoServer.StartAsync();
        await using var alice = await AgentPage.SignInAsync(browser.Browser, server, "alice");
        await using var visitor = await VisitorPage.OpenAsync(browser.Browser, server);
        await visitor.HandOverToAsync(alice, "Alice Martin");

        var clock = Stopwatch.StartNew();
        await server.StopAsync();
        clock.Stop();

        clock.Elapsed.Should().BeLessThan(DemoHost.ShutdownTimeout, "nothing may hold the stop until the timeout cuts it");
    }
}
