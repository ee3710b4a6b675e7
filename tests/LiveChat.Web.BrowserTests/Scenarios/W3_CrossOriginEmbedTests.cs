using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using static Microsoft.Playwright.Assertions;

namespace LiveChat.Web.BrowserTests.Scenarios;

/// <summary>
/// The widget embedded on another origin (feature W3, docs/reference.md "Embed the widget on another origin"): a shop page
/// served by a second Kestrel, under its own strict CSP that lists only the chat host, loads the widget by its absolute
/// URL with the <c>server</c> attribute; the chat host allows the shop's origin (widget and CORS). The visitor chats with
/// an agent across the origins, a reload resumes the chat, and the browser reports no CSP violation.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class W3_CrossOriginEmbedTests(BrowserFixture browser)
{
    [Fact]
    public async Task ShopPageOnAnotherOrigin_AbsoluteScriptCorsAndCsp_VisitorAndAgentChat()
    {
        Uri? chatUrl = null;
        await using var shop = await StartShopAsync(() => chatUrl!);
        var shopOrigin = shop.Urls.First();
        await using var server = await DemoServer.StartAsync(embedOrigins: [shopOrigin]);
        chatUrl = server.Url;
        await using var alice = await AgentPage.SignInAsync(browser.Browser, server, "alice");

        await using var visitor = await VisitorPage.OpenAsync(browser.Browser, server, path: $"{shopOrigin}/");
        await visitor.HandOverToAsync(alice, "Alice Martin");
        await alice.SendAsync("Hello from the chat host.");
        await Expect(visitor.Message("Hello from the chat host.")).ToBeVisibleAsync();
        await visitor.SayAsync("Hello from the shop.");
        await Expect(alice.Message("Hello from the shop.")).ToBeVisibleAsync();
        await visitor.Page.ReloadAsync();
        await visitor.ConnectedAsync();

        new Uri(visitor.Page.Url).GetLeftPart(UriPartial.Authority).Should().Be(shopOrigin);
        await Expect(visitor.Heading).ToHaveTextAsync("Alice Martin");
        (await visitor.CspViolationsAsync()).Should().BeEmpty();
        visitor.Watch.Problems.Concat(alice.Watch.Problems).Should().BeEmpty();
    }

    /// <summary>The shop: one page that embeds the chat host's widget, with a CSP that names the chat host and nothing inline.</summary>
    private static async Task<WebApplication> StartShopAsync(Func<Uri> chat)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/", (HttpContext http) =>
        {
            var host = chat().GetLeftPart(UriPartial.Authority);
            var socket = "ws" + host[4..];
            http.Response.Headers.ContentSecurityPolicy =
                $"default-src 'none'; script-src {host}; style-src {host}; connect-src {host} {socket}; img-src 'self'; base-uri 'none'";
            return Results.Content(
                $"""
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><title>Shop</title>
                <script src="{host}/_content/LiveChat.AspNetCore/livechat-widget.js" async></script></head>
                <body><main><h1>The shop</h1></main>
                <livechat-widget key="{DemoSettings.WidgetKey}" server="{host}/livechat"></livechat-widget></body>
                </html>
                """,
                "text/html; charset=utf-8");
        });
        await app.StartAsync();
        return app;
    }
}
