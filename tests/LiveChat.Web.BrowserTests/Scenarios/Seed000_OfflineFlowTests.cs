using static Microsoft.Playwright.Assertions;

namespace LiveChat.Web.BrowserTests.Scenarios;

/// <summary>
/// Seed 000's offline flow in a real browser (features P3, P4, E3): nobody is online, so the live-chat card runs the
/// offline flow under it; the widget offers "leave your contacts", the bot asks for the e-mail, and the CRM follow-up is
/// created.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class Seed000_OfflineFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task NobodyOnline_OfflineFlow_ContactsOfferedAndCrmFollowUpCreated()
    {
        await using var server = await DemoServer.StartAsync();
        await using var visitor = await VisitorPage.OpenAsync(browser.Browser, server);

        await visitor.AskForAPersonAsync();
        await Expect(visitor.Message("Sales is offline right now.")).ToBeVisibleAsync();
        await Expect(visitor.ContactForm).ToBeVisibleAsync();
        await Expect(visitor.ContactForm).ToContainTextAsync("Leave your contacts");
        await Screenshots.SaveAsync(visitor.Page, "widget-offline-form");
        await visitor.SayAsync("tomas@example.com");
        await Expect(visitor.Message("Thanks! We will get back to you.")).ToBeVisibleAsync();

        // The follow-up of the offline flow: the visitor's record in the CRM, with the call-back activity on its feed (P4).
        var activities = new List<string>();
        await DemoServer.WaitUntilAsync(async () =>
        {
            foreach (var record in await server.Engine.Crm.Gateway.FindByEmailAsync(DemoSeed.Workspace, "tomas@example.com"))
            {
                activities.AddRange((await server.Engine.Crm.Gateway.ListActivitiesAsync(DemoSeed.Workspace, record.Id)).Select(a => a.Text ?? string.Empty));
            }

            return activities.Any(a => a.Contains("Call back about the chat", StringComparison.Ordinal));
        }, "the offline flow's follow-up activity is in the CRM");
        visitor.Watch.Problems.Should().BeEmpty();
    }
}
