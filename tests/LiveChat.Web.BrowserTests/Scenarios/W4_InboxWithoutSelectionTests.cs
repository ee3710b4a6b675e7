using static Microsoft.Playwright.Assertions;

namespace LiveChat.Web.BrowserTests.Scenarios;

/// <summary>
/// The inbox's actions with no conversation open (feature W4): a script (or a keyboard user reaching a button before the
/// panel hides it) clicks every action of the chat and details panels; none throws, none calls the hub with no conversation.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class W4_InboxWithoutSelectionTests(BrowserFixture browser)
{
    private static readonly string[] Clicks = ["claim", "accept", "reassign", "end", "show-transcript", "create-lead", "create-deal"];
    private static readonly string[] Submits = ["composer", "details-form", "note-form"];

    [Fact]
    public async Task EveryAction_NoConversationOpen_NoErrorAndNoRefusal()
    {
        await using var server = await DemoServer.StartAsync();
        await using var alice = await AgentPage.SignInAsync(browser.Browser, server, "alice");
        await alice.Page.Locator("#reply").EvaluateAsync("reply => reply.value = 'Hello?'");
        await alice.Page.Locator("#deal-title").EvaluateAsync("title => title.value = 'A deal'");

        foreach (var id in Clicks)
        {
            await alice.Page.EvaluateAsync("id => document.getElementById(id).click()", id);
        }

        foreach (var id in Submits)
        {
            await alice.Page.EvaluateAsync("id => document.getElementById(id).requestSubmit()", id);
        }

        // A status change is a round trip on the same connection: once it is answered, every earlier click's call would have been too.
        await alice.Page.Locator("#status").SelectOptionAsync("Away");
        await DemoServer.WaitUntilAsync(
            async () => (await server.Engine.Agents.GetAsync(DemoSeed.Workspace, new("alice"))).Status == Core.Agents.AgentStatus.Away,
            "alice's status change went through");
        await Expect(alice.Page.Locator("#error")).ToBeEmptyAsync();
        alice.Watch.Problems.Should().BeEmpty();
    }
}
