using LiveChat.Core.Playbooks;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveChat.Web.BrowserTests.Scenarios;

/// <summary>
/// Feature E1 with the keyboard only: Enter in the "introduce yourself" name field goes on to the e-mail and phone step
/// (as "Next" does) instead of sending the name alone, Enter on the last step sends the details, and the thanks is a line
/// of the transcript, not a box left above the reply box once an agent joined.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class E1_KeyboardContactFormTests(BrowserFixture browser)
{
    [Fact]
    public async Task ContactForm_EnterOnEachStep_AsksEmailAndPhoneThenThanksInTheTranscript()
    {
        await using var server = await DemoServer.StartAsync(new PlaybookTimers { ContactFormAfterGreeting = TimeSpan.FromMilliseconds(300) });
        await using var alice = await AgentPage.SignInAsync(browser.Browser, server, "alice");
        await using var visitor = await VisitorPage.OpenAsync(browser.Browser, server);
        var form = visitor.ContactForm;
        var name = form.Locator("input[name=name]");
        var email = form.Locator("input[name=email]");
        var phone = form.Locator("input[name=phone]");

        await Expect(name).ToBeVisibleAsync();
        await name.FocusAsync();
        await name.PressSequentiallyAsync("Jana Dvořák");
        await visitor.Page.Keyboard.PressAsync("Enter");
        await Expect(email).ToBeVisibleAsync();
        await Expect(email).ToBeFocusedAsync();
        await visitor.Page.Keyboard.TypeAsync("jana@example.com");
        await visitor.Page.Keyboard.PressAsync("Tab");
        await Expect(phone).ToBeFocusedAsync();
        await visitor.Page.Keyboard.TypeAsync("+420 602 111 222");
        await visitor.Page.Keyboard.PressAsync("Enter");

        var thanks = visitor.Page.Locator("livechat-widget .log .contact-done");
        await Expect(thanks).ToBeVisibleAsync();
        await Expect(form).ToHaveCountAsync(0);
        await Expect(visitor.Page.Locator("livechat-widget .forms > *")).ToHaveCountAsync(0);
        await visitor.HandOverToAsync(alice, "Alice Martin");
        await Expect(alice.Page.Locator("#card")).ToContainTextAsync("jana@example.com");
        await Expect(alice.Page.Locator("#card")).ToContainTextAsync("+420602111222");
        await Expect(visitor.Page.Locator("livechat-widget .forms > *")).ToHaveCountAsync(0);
        await Expect(thanks).ToHaveCountAsync(1);
        visitor.Watch.Problems.Concat(alice.Watch.Problems).Should().BeEmpty();
    }
}
