using LiveChat.Core.Agents;
using static Microsoft.Playwright.Assertions;

namespace LiveChat.Web.BrowserTests.Scenarios;

/// <summary>
/// The inbox's unread badges (features W4, C8) after a reload, when nothing but the server's counts can set them: the
/// Mine folder's badges come from one <c>GetUnreadCounts</c> call for the page, and each equals the engine's count.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class W4_UnreadBadgesTests(BrowserFixture browser)
{
    [Fact]
    public async Task MineFolder_AfterAReload_EachRowsBadgeShowsTheServersUnreadCount()
    {
        await using var server = await DemoServer.StartAsync();
        await using var alice = await AgentPage.SignInAsync(browser.Browser, server, "alice");
        var aliceId = new AgentId("alice");
        var quiet = await server.Engine.Conversations.StartAsync(DemoSeed.Workspace, new() { VisitorName = "Eva" });
        var busy = await server.Engine.Conversations.StartAsync(DemoSeed.Workspace, new() { VisitorName = "Jan" });
        foreach (var started in new[] { quiet, busy })
        {
            await server.Engine.Conversations.ClaimAsync(DemoSeed.Workspace, started.Conversation.Id, aliceId);
        }

        await server.Engine.Visitors.PostAsync(DemoSeed.Workspace, busy.Conversation.Id, busy.VisitorToken, "Hello?");
        await server.Engine.Visitors.PostAsync(DemoSeed.Workspace, busy.Conversation.Id, busy.VisitorToken, "Is anyone there?");
        var quietNow = await server.Engine.Conversations.GetAsync(DemoSeed.Workspace, quiet.Conversation.Id);
        await server.Engine.Conversations.MarkReadAsync(DemoSeed.Workspace, quiet.Conversation.Id, aliceId, quietNow.LastSequence);
        var expected = await server.Engine.Conversations.GetUnreadCountAsync(DemoSeed.Workspace, busy.Conversation.Id, aliceId);
        expected.Should().BeGreaterThanOrEqualTo(2, "two visitor messages at least");

        await alice.Page.ReloadAsync();
        await alice.FolderAsync("Mine");

        var busyRow = alice.Page.Locator($"#list button[data-conversation=\"{busy.Conversation.Id}\"]");
        var quietRow = alice.Page.Locator($"#list button[data-conversation=\"{quiet.Conversation.Id}\"]");
        await Expect(busyRow.Locator(".badge .count")).ToHaveTextAsync(expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(busyRow.Locator(".badge")).ToBeVisibleAsync();
        await Expect(quietRow).ToBeVisibleAsync();
        await Expect(quietRow.Locator(".badge")).ToBeHiddenAsync();
        await Expect(alice.Page.Locator("#error")).ToBeEmptyAsync();
        alice.Watch.Problems.Should().BeEmpty();
    }
}
