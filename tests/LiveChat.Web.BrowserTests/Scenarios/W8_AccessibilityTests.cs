using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using LiveChat.Core.Playbooks;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveChat.Web.BrowserTests.Scenarios;

/// <summary>
/// Accessibility (feature W8): the widget works with the keyboard alone, new messages arrive in ARIA live regions, and
/// axe-core finds no serious or critical violation in the widget (open, with the contact form and answer buttons) or in
/// the inbox (an alert, then a chat with the details panel).
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class W8_AccessibilityTests(BrowserFixture browser)
{
    [Fact]
    public async Task WidgetAndInbox_KeyboardAndAxeAudit_NoSeriousOrCriticalViolation()
    {
        await using var server = await DemoServer.StartAsync(new PlaybookTimers { ContactFormAfterGreeting = TimeSpan.FromMilliseconds(300) });
        await using var alice = await AgentPage.SignInAsync(browser.Browser, server, "alice");
        await using var visitor = await VisitorPage.OpenAsync(browser.Browser, server);
        await Expect(visitor.ContactForm).ToBeVisibleAsync();
        await Expect(visitor.Choices.Nth(1)).ToBeVisibleAsync();
        await Screenshots.SaveAsync(visitor.Page, "widget-greeting");

        var widgetViolations = await SeriousViolationsAsync(visitor.Page);

        // Keyboard alone: close and reopen from the launcher, focus lands in the reply box, Enter sends.
        await visitor.Page.Locator("livechat-widget .close").FocusAsync();
        await visitor.Page.Keyboard.PressAsync("Enter");
        await Expect(visitor.Page.Locator("livechat-widget .panel")).ToBeHiddenAsync();
        await visitor.Page.Keyboard.PressAsync("Enter");
        await Expect(visitor.Page.Locator("livechat-widget .input")).ToBeFocusedAsync();
        await visitor.Page.Keyboard.TypeAsync("No, not yet");
        await visitor.Page.Keyboard.PressAsync("Enter");
        await Expect(visitor.Message("What brings you here?")).ToBeVisibleAsync();
        await visitor.Page.Keyboard.TypeAsync("Talk to a person");
        await visitor.Page.Keyboard.PressAsync("Enter");
        await Expect(visitor.Log).ToHaveAttributeAsync("aria-live", "polite");

        await Expect(alice.Alerts).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(alice.Page, "inbox-alert");
        var alertViolations = await SeriousViolationsAsync(alice.Page);
        await alice.ClaimFirstAlertAsync();
        await alice.SendAsync("Hello, Alice here.");
        await Expect(alice.Log).ToHaveAttributeAsync("aria-live", "polite");
        await Screenshots.SaveAsync(alice.Page, "inbox-chat");
        await Screenshots.SaveAsync(visitor.Page, "widget-agent-joined");
        var chatViolations = await SeriousViolationsAsync(alice.Page);

        widgetViolations.Concat(alertViolations).Concat(chatViolations).Should().BeEmpty();
    }

    private static async Task<string[]> SeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        return [.. result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")];
    }
}
