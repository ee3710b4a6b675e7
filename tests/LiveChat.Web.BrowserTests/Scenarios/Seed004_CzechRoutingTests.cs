using LiveChat.Core.Storage;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveChat.Web.BrowserTests.Scenarios;

/// <summary>
/// Seed 004 in Czech (features P5, P2, R4, W3): the routing question "are you a customer?" in the playbook's language,
/// the widget's own texts in Czech; yes → the contact details form → routed to the support team: Bob (support) is
/// alerted, Alice (sales only) is not.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class Seed004_CzechRoutingTests(BrowserFixture browser)
{
    [Fact]
    public async Task CustomerInCzech_YesThenContactDetails_RoutedToTheSupportTeam()
    {
        await using var server = await DemoServer.StartAsync(language: "cs");
        await using var alice = await AgentPage.SignInAsync(browser.Browser, server, "alice");
        await using var bob = await AgentPage.SignInAsync(browser.Browser, server, "bob");
        await using var visitor = await VisitorPage.OpenAsync(browser.Browser, server);

        await Expect(visitor.Message("Jste již naším zákazníkem?")).ToBeVisibleAsync();
        await Expect(visitor.Choices.Nth(0)).ToHaveTextAsync("Ano, jsem zákazník");
        await Expect(visitor.Page.Locator("livechat-widget .input")).ToHaveAttributeAsync("placeholder", "Vaše zpráva");
        await Expect(visitor.Page.Locator("livechat-widget header .number")).ToContainTextAsync("Konverzace č.");
        await visitor.ChooseAsync(0);
        await Expect(visitor.ContactForm).ToContainTextAsync("Představte se");
        await visitor.IntroduceAsync("Jan Novák", "jan.novak@example.cz", "+420 602 000 111");

        await Expect(bob.Alerts).ToHaveCountAsync(1);
        await bob.ClaimFirstAlertAsync();
        await Expect(visitor.Heading).ToHaveTextAsync("Bob Novák");
        await Expect(visitor.Message("Bob Novák")).ToBeVisibleAsync();
        await Expect(alice.Alerts).ToHaveCountAsync(0);
        var conversation = (await server.Engine.Inbox.ListAsync(DemoSeed.Workspace, new("bob"), InboxFolder.Mine)).Items.Single();
        conversation.VisitorName.Should().Be("Jan Novák");
        conversation.Routing!.Target.Team.Should().Be(DemoSeed.Support);
        visitor.Watch.Problems.Concat(alice.Watch.Problems).Concat(bob.Watch.Problems).Should().BeEmpty();
    }
}
