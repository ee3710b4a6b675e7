using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveChat.Web.BrowserTests.Scenarios;

/// <summary>
/// The widget and the inbox on pages served with a strict Content-Security-Policy (features W3, W4): <c>script-src
/// 'self'; style-src 'self'</c> with no unsafe keyword. They work, and the browser reports no violation: no inline script
/// or style, no eval, no style attribute.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class W3_StrictCspTests(BrowserFixture browser)
{
    [Fact]
    public async Task StrictPolicy_WidgetAndInboxAtWork_NoViolationReported()
    {
        await using var server = await DemoServer.StartAsync();
        await using var alice = await AgentPage.SignInAsync(browser.Browser, server, "alice");
        await using var visitor = await VisitorPage.OpenAsync(browser.Browser, server);
        var policy = (await visitor.Page.APIRequest.GetAsync("/")).Headers["content-security-policy"];

        await visitor.AskForAPersonAsync();
        await alice.ClaimFirstAlertAsync();
        await alice.SendAsync("Styled by the widget's own sheet.");
        await Expect(visitor.Message("Styled by the widget's own sheet.")).ToBeVisibleAsync();
        var headerColour = await visitor.Page.Locator("livechat-widget header").EvaluateAsync<string>("h => getComputedStyle(h).backgroundColor");

        policy.Should().Contain("script-src 'self'").And.Contain("style-src 'self'").And.NotContain("unsafe");
        headerColour.Should().Be("rgb(10, 108, 116)", "the playbook's colour applies through CSSOM, which the policy allows");
        (await visitor.CspViolationsAsync()).Should().BeEmpty();
        (await alice.CspViolationsAsync()).Should().BeEmpty();
        visitor.Watch.Problems.Concat(alice.Watch.Problems).Should().BeEmpty();
    }
}
