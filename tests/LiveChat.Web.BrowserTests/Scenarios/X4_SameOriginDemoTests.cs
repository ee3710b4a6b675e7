using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveChat.Web.BrowserTests.Scenarios;

/// <summary>
/// The web demo on its own (feature X4, no other embedding origin given): its own pages call the LiveChat endpoints
/// without the CORS policy refusing and logging them, nothing they load answers an error, and every page names an icon
/// the demo serves (no 404 for the browser's favicon request).
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class X4_SameOriginDemoTests(BrowserFixture browser)
{
    [Fact]
    public async Task DemoPages_ChatOnTheirOwnOrigin_NoCorsRefusalNoErrorResponseAndAnIcon()
    {
        await using var server = await DemoServer.StartAsync();
        await using var alice = await AgentPage.SignInAsync(browser.Browser, server, "alice");
        var errors = new List<string>();
        await using var visitor = await VisitorPage.OpenAsync(browser.Browser, server, beforeOpen: page =>
        {
            page.Response += (_, response) =>
            {
                if (response.Status >= 400)
                {
                    lock (errors)
                    {
                        errors.Add($"{response.Status} {response.Url}");
                    }
                }
            };
            return Task.CompletedTask;
        });

        await visitor.HandOverToAsync(alice, "Alice Martin");
        await visitor.SayAsync("Hello from the demo's own page.");
        await Expect(alice.Message("Hello from the demo's own page.")).ToBeVisibleAsync();

        // What a browser sends with a same-origin POST (a fetch or a hub's negotiate): the page's own origin.
        var origin = server.Url.GetLeftPart(UriPartial.Authority);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Url, "/livechat/visitor/session"))
        {
            Content = JsonContent.Create(new { widgetKey = DemoSettings.WidgetKey, resumeOnly = true }),
        };
        request.Headers.Add("Origin", origin);
        using var session = await http.SendAsync(request);
        session.IsSuccessStatusCode.Should().BeTrue();
        session.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(origin);
        server.Log.Lines.Where(line => line.Contains("CORS policy execution", StringComparison.Ordinal)).Should().NotBeEmpty()
            .And.OnlyContain(line => line.EndsWith("successful.", StringComparison.Ordinal));
        lock (errors)
        {
            errors.Should().BeEmpty();
        }

        foreach (var page in new[] { visitor.Page, alice.Page })
        {
            var icon = await page.Locator("link[rel=icon]").GetAttributeAsync("href", new() { Timeout = 2000 });
            icon.Should().NotBeNull(because: $"{page.Url} names its icon");
            var answer = await page.APIRequest.GetAsync(icon!);
            answer.Status.Should().Be(200);
            answer.Headers["content-type"].Should().StartWith("image/svg+xml");
        }

        visitor.Watch.Problems.Concat(alice.Watch.Problems).Should().BeEmpty();
    }
}
