using LiveChat.Core.Playbooks;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveChat.Web.BrowserTests.Scenarios;

/// <summary>
/// Hostile content (features W3, W4, W7): a visitor named <c>&lt;img src=x onerror=…&gt;</c> who posts a
/// <c>&lt;script&gt;</c> runs no script in the widget or the inbox (no page error, no dialog), and both show the text
/// literally, never as markup.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class W3_HostileContentTests(BrowserFixture browser)
{
    private const string HostileName = "<img src=x onerror=alert('name')>";
    private const string HostileMessage = "<script>alert('message')</script><b onmouseover=alert('b')>bold</b>";
    private const string HostileReply = "<img src=y onerror=alert('reply')><svg onload=alert('svg')>";

    [Fact]
    public async Task HostileNameAndMessage_WidgetAndInbox_ShownLiterallyAndNoScriptRuns()
    {
        await using var server = await DemoServer.StartAsync(new PlaybookTimers { ContactFormAfterGreeting = TimeSpan.FromMilliseconds(300) });
        await using var alice = await AgentPage.SignInAsync(browser.Browser, server, "alice");
        await using var visitor = await VisitorPage.OpenAsync(browser.Browser, server);

        await visitor.IntroduceAsync(HostileName, "mallory@example.com");
        await visitor.AskForAPersonAsync();
        await visitor.SayAsync(HostileMessage);
        await Expect(alice.Alerts).ToHaveCountAsync(1);
        await alice.ClaimFirstAlertAsync();
        await Expect(alice.Message(HostileMessage)).ToBeVisibleAsync();
        await alice.SendAsync(HostileReply);

        await Expect(alice.Page.Locator("#title")).ToContainTextAsync(HostileName);
        await Expect(alice.Page.Locator("#list button").First).ToContainTextAsync(HostileName);
        await Expect(visitor.Message(HostileMessage)).ToHaveCountAsync(1);
        await Expect(visitor.Message(HostileReply)).ToHaveCountAsync(1);
        foreach (var page in new[] { visitor.Page, alice.Page })
        {
            (await page.Locator("img, svg:not(.bubble), script:not([src]), b").CountAsync()).Should().Be(0, "no markup from user text may reach the DOM, in the page or the widget's shadow root");
        }

        await Expect(alice.Page.Locator("#title")).ToBeVisibleAsync();
        visitor.Watch.Problems.Concat(alice.Watch.Problems).Should().BeEmpty("a dialog or a page error would mean an injected script ran");
    }
}
