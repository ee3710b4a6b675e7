using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveChat.Web.BrowserTests.Scenarios;

/// <summary>
/// Feature R5 in two real inboxes: a pending request alerts every eligible agent (the alert bar and the blinking title)
/// until one accepts; the first claim wins and the alert disappears for the other.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class R5_TwoAgentsTests(BrowserFixture browser)
{
    [Fact]
    public async Task Request_TwoAgentsAlerted_FirstClaimWinsAndTheOthersAlertDisappears()
    {
        await using var server = await DemoServer.StartAsync();
        await using var alice = await AgentPage.SignInAsync(browser.Browser, server, "alice");
        await using var bob = await AgentPage.SignInAsync(browser.Browser, server, "bob");
        await using var visitor = await VisitorPage.OpenAsync(browser.Browser, server);

        await visitor.AskForAPersonAsync();

        foreach (var agent in new[] { alice, bob })
        {
            await Expect(agent.Alerts).ToHaveCountAsync(1);
            await DemoServer.WaitUntilAsync(async () => (await agent.Page.TitleAsync()).Contains("New chat request", StringComparison.Ordinal), "the title blinks");
        }

        await bob.ClaimFirstAlertAsync();

        await Expect(alice.Alerts).ToHaveCountAsync(0);
        await Expect(bob.Alerts).ToHaveCountAsync(0);
        await Expect(alice.Page).ToHaveTitleAsync("Inbox: LiveChat demo");
        await Expect(bob.Count("Mine")).ToHaveTextAsync("1");
        await Expect(alice.Count("Mine")).ToHaveTextAsync("0");
        await Expect(alice.Count("Unassigned")).ToHaveTextAsync("0");
        await Expect(visitor.Heading).ToHaveTextAsync("Bob Novák");
        alice.Watch.Problems.Concat(bob.Watch.Problems).Concat(visitor.Watch.Problems).Should().BeEmpty();
    }
}
