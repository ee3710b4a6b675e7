using LiveChat.Core.Playbooks;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveChat.Web.BrowserTests.Scenarios;

/// <summary>
/// Seed 002's forms in a real browser (features E1, E2, P7): the "introduce yourself" form appears after the greeting
/// (the playbook's 5 s shortened by the demo's options, not waited for), name first, then e-mail and phone; the agent sees
/// what was submitted; after the end the transcript form is offered and the e-mail is queued and sent.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class Seed002_FormsTests(BrowserFixture browser)
{
    [Fact]
    public async Task ContactFormAfterGreetingThenTranscriptAfterEnd_AgentSeesDetailsAndTheEmailGoes()
    {
        await using var server = await DemoServer.StartAsync(new PlaybookTimers
        {
            ContactFormAfterGreeting = TimeSpan.FromMilliseconds(500),
            TranscriptOfferAfterEnd = TimeSpan.FromMilliseconds(500),
        });
        await using var alice = await AgentPage.SignInAsync(browser.Browser, server, "alice");
        await using var visitor = await VisitorPage.OpenAsync(browser.Browser, server);

        await Expect(visitor.ContactForm.Locator("input[name=email]")).ToBeHiddenAsync();
        await Screenshots.SaveAsync(visitor.Page, "widget-contact-form");
        await visitor.IntroduceAsync("Petra Nová", "petra@example.com", "+420 601 123 456");
        await visitor.AskForAPersonAsync();
        await alice.ClaimFirstAlertAsync();

        await Expect(alice.Page.Locator("#title")).ToContainTextAsync("Petra Nová");
        await Expect(alice.Page.Locator("#card")).ToContainTextAsync("petra@example.com");
        await Expect(alice.Page.Locator("#card")).ToContainTextAsync("+420601123456");
        await alice.SendAsync("Thanks Petra, all clear.");
        await alice.Page.Locator("#end").ClickAsync();

        var form = visitor.TranscriptForm;
        await Expect(form).ToBeVisibleAsync();
        await form.Locator("input[name=email]").FillAsync("petra@example.com");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(visitor.Page.Locator("livechat-widget .forms .done").Last).ToBeVisibleAsync();
        await DemoServer.WaitUntilAsync(
            () => Task.FromResult(server.Mail.Sent.Any(m => m.To.Address == "petra@example.com" && m.TextBody.Contains("Thanks Petra, all clear.", StringComparison.Ordinal))),
            "the transcript e-mail is sent to the address the visitor gave");
        visitor.Watch.Problems.Concat(alice.Watch.Problems).Should().BeEmpty();
    }
}
