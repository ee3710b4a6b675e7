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

    [Fact]
    public async Task AnAlertsClaimButton_IsTheSameElement_AfterAnotherRequestsAlertAndARefresh()
    {
        // An alert row rebuilt under the pointer loses the click that lands on it: the claim never happens. Rows are
        // keyed by conversation, so the row of a request still waiting is never replaced by a re-render.
        await using var server = await DemoServer.StartAsync();
        await using var alice = await AgentPage.SignInAsync(browser.Browser, server, "alice");
        await using var first = await VisitorPage.OpenAsync(browser.Browser, server);
        await first.AskForAPersonAsync();
        await Expect(alice.Alerts).ToHaveCountAsync(1);
        var claim = await alice.Alerts.First.GetByRole(AriaRole.Button, new() { Name = "Claim" }).ElementHandleAsync();

        await using var second = await VisitorPage.OpenAsync(browser.Browser, server);
        await second.AskForAPersonAsync();
        await Expect(alice.Alerts).ToHaveCountAsync(2);
        // The inbox reads everything again after each event (its refresh); wait until it has shown the second request's number.
        await Expect(alice.Alerts.Nth(1)).ToContainTextAsync("#");

        (await claim.EvaluateAsync<bool>("button => button.isConnected")).Should().BeTrue("the first alert's row was kept, not rebuilt");
        await claim.ClickAsync();
        await Expect(first.Heading).ToHaveTextAsync("Alice Martin");
        await Expect(alice.Alerts).ToHaveCountAsync(1);
        alice.Watch.Problems.Concat(first.Watch.Problems).Concat(second.Watch.Problems).Should().BeEmpty();
    }
}
