using LiveChat.Core.Playbooks;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveChat.Web.BrowserTests.Scenarios;

/// <summary>
/// Seed 000's live flow in a real browser (features W3, W4, P3, C2, C4, C5, C6, C7, R5): the visitor goes through the
/// playbook and asks for a person, the online agents are alerted, Alice claims, the visitor sees her join, they write both
/// ways, Alice hands over to Bob, Bob fills the details panel, sees the visitor's lead on the CRM card, creates a deal and ends; every agent sees it in Ended and
/// nobody can reopen it.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class Seed000_LiveFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task LiveFlow_PlaybookClaimChatReassignDealEnd_EndedForEveryoneAndClosed()
    {
        await using var server = await DemoServer.StartAsync(new PlaybookTimers { ContactFormAfterGreeting = TimeSpan.FromMilliseconds(300) });
        await using var alice = await AgentPage.SignInAsync(browser.Browser, server, "alice");
        await using var bob = await AgentPage.SignInAsync(browser.Browser, server, "bob");
        await using var visitor = await VisitorPage.OpenAsync(browser.Browser, server);

        await Expect(visitor.Message("I'm Leo")).ToBeVisibleAsync();
        await Expect(visitor.Heading).ToHaveTextAsync("Leo (bot)");
        await visitor.IntroduceAsync("Jana", "jana@example.com");
        await Expect(visitor.Page.Locator("livechat-widget header .number")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"#\d+"));
        await visitor.ChooseAsync(1); // "No, not yet": a prospect
        await Expect(visitor.Message("What brings you here?")).ToBeVisibleAsync();
        await visitor.ChooseAsync(0); // "Talk to a person"

        await Expect(alice.Alerts).ToHaveCountAsync(1);
        await Expect(bob.Alerts).ToHaveCountAsync(1);
        await alice.ClaimFirstAlertAsync();
        await Expect(bob.Alerts).ToHaveCountAsync(0);
        await Expect(visitor.Message("Alice Martin joined the conversation.")).ToBeVisibleAsync();
        await Expect(visitor.Heading).ToHaveTextAsync("Alice Martin");

        await alice.SendAsync("Hello, Alice here. How can I help?");
        await Expect(visitor.Message("Hello, Alice here. How can I help?")).ToBeVisibleAsync();
        await visitor.SayAsync("We need the team plan for 12 people.");
        await Expect(alice.Message("We need the team plan for 12 people.")).ToBeVisibleAsync();

        await alice.Page.Locator("#reassign-to").SelectOptionAsync("bob");
        await alice.Page.Locator("#reassign").ClickAsync();
        await Expect(alice.Count("Mine")).ToHaveTextAsync("0");
        await alice.FolderAsync("Mine");
        await Expect(alice.Conversations).ToHaveCountAsync(0);
        await Expect(visitor.Heading).ToHaveTextAsync("Bob Novák");

        await Expect(bob.Count("Mine")).ToHaveTextAsync("1");
        await bob.FolderAsync("Mine");
        await bob.Conversations.First.ClickAsync();
        await Expect(bob.Message("We need the team plan for 12 people.")).ToBeVisibleAsync();
        await bob.Page.Locator("#deal-value").FillAsync("1200");
        await bob.Page.Locator("#deal-currency").FillAsync("EUR");
        await bob.Page.Locator("#person").FillAsync("Jana Dvořák");
        await bob.Page.Locator("#organization").FillAsync("Dvořák s.r.o.");
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        // The visitor introduced themselves, so the CRM already holds them as a lead (feature I4): the card shows it, laid
        // out by the field layout (I8), and Bob creates the deal from the details panel (C7).
        await Expect(bob.Page.Locator("#card")).ToContainTextAsync("jana@example.com");
        await bob.Page.Locator("#deal-title").FillAsync("Team plan, 12 seats");
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Create deal" }).ClickAsync();
        await Expect(bob.Page.Locator("#results li").Filter(new() { HasTextString = "Deal: Team plan, 12 seats" })).ToBeVisibleAsync();
        await Expect(bob.Page.Locator("#error")).ToBeEmptyAsync();
        await Screenshots.SaveAsync(bob.Page, "inbox-details");
        await bob.Page.Locator("#end").ClickAsync();

        await Expect(visitor.Composer).ToBeHiddenAsync();
        await Expect(visitor.TranscriptForm).ToBeVisibleAsync();
        foreach (var agent in new[] { alice, bob })
        {
            await Expect(agent.Count("Ended")).ToHaveTextAsync("1");
            await agent.FolderAsync("Ended");
            await agent.Conversations.First.ClickAsync();
            await Expect(agent.Page.Locator("#subtitle")).ToHaveTextAsync("Ended");
            await Expect(agent.Composer).ToBeHiddenAsync();
            await Expect(agent.Page.Locator("#claim")).ToBeHiddenAsync();
            await Expect(agent.Page.Locator("#reassign")).ToBeHiddenAsync();
            await Expect(agent.Page.Locator("#end")).ToBeHiddenAsync();
        }

        var details = (await server.Engine.Inbox.ListAsync(DemoSeed.Workspace, new("bob"), Core.Storage.InboxFolder.Ended)).Items.Single();
        details.Details.DealValue!.Value.Amount.Should().Be(1200m);
        details.Details.OrganizationName.Should().Be("Dvořák s.r.o.");
        details.CreatedResults.Should().ContainSingle(r => r.Kind == Core.Conversations.CreatedResultKind.Deal);
        visitor.Watch.Problems.Concat(alice.Watch.Problems).Concat(bob.Watch.Problems).Should().BeEmpty();
    }
}
