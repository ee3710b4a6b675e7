using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveChat.Web.BrowserTests.Scenarios;

/// <summary>
/// The widget and the inbox on a phone-sized screen (features W3, W4): at 390×844, neither page scrolls sideways, the
/// widget's panel fits the screen, and a visitor and an agent chat with every control they use inside the viewport.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class W4_PhoneLayoutTests(BrowserFixture browser)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task PhoneViewport_VisitorAndAgentChat_NoHorizontalScrollAndControlsOnScreen()
    {
        await using var server = await DemoServer.StartAsync();
        await using var alice = await AgentPage.SignInAsync(browser.Browser, server, "alice", viewport: Phone);
        await using var visitor = await VisitorPage.OpenAsync(browser.Browser, server, viewport: Phone);

        await NoHorizontalScrollAsync(visitor.Page);
        await FitsAsync(visitor.Page.Locator("livechat-widget .panel"));
        await visitor.AskForAPersonAsync();
        await alice.ClaimFirstAlertAsync();
        await alice.SendAsync("Hello from a phone.");
        await Expect(visitor.Message("Hello from a phone.")).ToBeVisibleAsync();
        await visitor.SayAsync("Hello back.");
        await Expect(alice.Message("Hello back.")).ToBeVisibleAsync();

        foreach (var control in new[] { visitor.Page.Locator("livechat-widget .input"), visitor.Page.Locator("livechat-widget .send"), visitor.Page.Locator("livechat-widget .close") })
        {
            await FitsAsync(control);
        }

        foreach (var id in new[] { "#reply", "#end", "#status" })
        {
            await alice.Page.Locator(id).ScrollIntoViewIfNeededAsync();
            await FitsAsync(alice.Page.Locator(id));
        }

        await NoHorizontalScrollAsync(visitor.Page);
        await NoHorizontalScrollAsync(alice.Page);
        visitor.Watch.Problems.Concat(alice.Watch.Problems).Should().BeEmpty();
    }

    private static async Task NoHorizontalScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        widths[0].Should().BeLessThanOrEqualTo(widths[1], $"{page.Url} must not scroll sideways on a phone");
    }

    /// <summary>The element lies within the phone's width.</summary>
    private static async Task FitsAsync(ILocator element)
    {
        await Expect(element).ToBeVisibleAsync();
        var box = (await element.BoundingBoxAsync())!;
        box.X.Should().BeGreaterThanOrEqualTo(0, element.ToString());
        (box.X + box.Width).Should().BeLessThanOrEqualTo(Phone.Width, element.ToString());
    }
}
