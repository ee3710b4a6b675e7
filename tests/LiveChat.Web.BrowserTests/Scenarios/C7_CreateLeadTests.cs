using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveChat.Web.BrowserTests.Scenarios;

/// <summary>
/// "Create lead" follows the SDK's decision (seed 001, feature C7): disabled with the reason while no e-mail address is
/// known, enabled once the visitor left one (here for the transcript, after the end), and disabled again once the lead
/// exists, because the client is then in the CRM. No click ever ends in a refusal.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class C7_CreateLeadTests(BrowserFixture browser)
{
    [Fact]
    public async Task CreateLead_FollowsTheSdksEligibility_DisabledWithTheReasonUntilALeadCanBeCreated()
    {
        await using var server = await DemoServer.StartAsync();
        await using var alice = await AgentPage.SignInAsync(browser.Browser, server, "alice");
        await using var visitor = await VisitorPage.OpenAsync(browser.Browser, server);
        var createLead = alice.Page.Locator("#create-lead");
        var reason = alice.Page.Locator("#lead-reason");
        await visitor.AskForAPersonAsync();
        await alice.ClaimFirstAlertAsync();

        await Expect(createLead).ToBeDisabledAsync();
        await Expect(reason).ToContainTextAsync("No e-mail address yet");
        await alice.Page.Locator("#end").ClickAsync();
        await visitor.TranscriptForm.Locator("input[name=email]").FillAsync("eva@example.com");
        await visitor.TranscriptForm.Locator("button[type=submit]").ClickAsync();
        await Expect(visitor.Page.Locator("livechat-widget .transcript-done")).ToBeVisibleAsync();
        await alice.FolderAsync("Ended");
        await alice.Conversations.First.ClickAsync();

        await Expect(createLead).ToBeEnabledAsync();
        await Expect(reason).ToBeEmptyAsync();
        await createLead.ClickAsync();
        await Expect(alice.Page.Locator("#results li").Filter(new() { HasTextString = "Lead" })).ToHaveCountAsync(1);
        await Expect(createLead).ToBeDisabledAsync();
        await Expect(reason).ToContainTextAsync("already in the CRM");
        await Expect(alice.Page.Locator("#error")).ToBeEmptyAsync();
        visitor.Watch.Problems.Concat(alice.Watch.Problems).Should().BeEmpty();
    }
}
