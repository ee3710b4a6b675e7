using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using LiveChat.AspNetCore.Wire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.SignalR.Client;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace LiveChat.AspNetCore.Tests.Scenarios;

/// <summary>
/// Setting up the web transport (features X1, X8, W1): options validated on start, the session endpoint's HttpOnly
/// cookie, the store health check and the OpenTelemetry helpers.
/// </summary>
public sealed class X1_WebTransportSetupTests
{
    [Fact]
    public async Task Start_WithoutWidgetsOrWithBadLimits_FailsListingEveryProblem()
    {
        var act = () => ChatServer.StartAsync(web: o =>
        {
            o.Widgets.Clear();
            o.PostsPerConnection = 0;
            o.HeartbeatInterval = TimeSpan.FromMinutes(5);
        });

        var failure = (await act.Should().ThrowAsync<OptionsValidationException>()).Which;
        failure.Failures.Should().Contain(f => f.StartsWith("Widgets:", StringComparison.Ordinal))
            .And.Contain(f => f.StartsWith("PostsPerConnection", StringComparison.Ordinal))
            .And.Contain(f => f.StartsWith("HeartbeatInterval", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SessionEndpoint_NewThenReturningBrowser_SetsAnHttpOnlyCookieAndResumesTheHubWithIt()
    {
        await using var server = await ChatServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.Url };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/livechat/visitor/session") { Content = JsonContent.Create(new VisitorSessionRequest(ChatServer.AcmeKey, "Jan")) };
        request.Headers.Add("Origin", ChatServer.AcmeOrigin);

        using var created = await http.SendAsync(request);
        var cookie = created.Headers.GetValues("Set-Cookie").Single();
        var state = await created.Content.ReadFromJsonAsync<VisitorState>();
        using var again = new HttpRequestMessage(HttpMethod.Post, "/livechat/visitor/session") { Content = JsonContent.Create(new VisitorSessionRequest(ChatServer.AcmeKey)) };
        again.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var resumed = await http.SendAsync(again);

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        cookie.Should().Contain("httponly").And.Contain("path=/livechat/").And.StartWith("livechat_visitor=");
        resumed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await resumed.Content.ReadFromJsonAsync<VisitorState>())!.ConversationId.Should().Be(state!.ConversationId);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.Url, $"/livechat/visitor?widget={ChatServer.AcmeKey}"), o => o.Headers["Cookie"] = cookie.Split(';')[0])
            .Build();
        await using (connection)
        {
            await connection.StartAsync();
            (await connection.InvokeAsync<VisitorState>("Resume", 0L)).ConversationId.Should().Be(state.ConversationId);
        }
    }

    [Fact]
    public async Task SessionEndpoint_ResumeOnly_StartsNothingWithoutACookieAndAnswersAnEndedConversationWithOne()
    {
        await using var server = await ChatServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.Url };

        using var pageLoad = await SessionAsync(http, new VisitorSessionRequest(ChatServer.AcmeKey, ResumeOnly: true), cookie: null);
        using var opened = await SessionAsync(http, new VisitorSessionRequest(ChatServer.AcmeKey), cookie: null);
        var cookie = opened.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var state = (await opened.Content.ReadFromJsonAsync<VisitorState>())!;
        var id = Core.Conversations.ConversationId.Parse(state.ConversationId, null);
        await server.Engine.Conversations.EndAsync(ChatServer.Acme, id, endedBy: null);
        using var reload = await SessionAsync(http, new VisitorSessionRequest(ChatServer.AcmeKey, ResumeOnly: true), cookie);
        using var newChat = await SessionAsync(http, new VisitorSessionRequest(ChatServer.AcmeKey), cookie);

        pageLoad.StatusCode.Should().Be(HttpStatusCode.NoContent);
        state.Number.Should().Be(1, "the page load before it started no conversation");
        reload.StatusCode.Should().Be(HttpStatusCode.OK);
        (await reload.Content.ReadFromJsonAsync<VisitorState>()).Should().Match<VisitorState>(s => s.ConversationId == state.ConversationId && s.State == "Ended");
        newChat.StatusCode.Should().Be(HttpStatusCode.Created, "asking for a new chat after the end starts one");
        (await newChat.Content.ReadFromJsonAsync<VisitorState>())!.ConversationId.Should().NotBe(state.ConversationId);
    }

    private static async Task<HttpResponseMessage> SessionAsync(HttpClient http, VisitorSessionRequest body, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/livechat/visitor/session") { Content = JsonContent.Create(body) };
        request.Headers.Add("Origin", ChatServer.AcmeOrigin);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await http.SendAsync(request);
    }

    [Fact]
    public async Task HealthCheck_StoreAnswers_Healthy()
    {
        await using var server = await ChatServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.Url };

        var health = await http.GetStringAsync("/health");

        health.Should().Be("Healthy");
    }

    [Fact]
    public async Task OpenTelemetry_AddLiveChatInstrumentation_RecordsAHubCallSpan()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddLiveChatInstrumentation().AddInMemoryExporter(spans).Build();
        await using var server = await ChatServer.StartAsync();
        await using var visitor = await HubClient.VisitorAsync(server);

        await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null));
        tracing!.ForceFlush();

        spans.Should().Contain(s => s.Source.Name == LiveChatAspNetCoreTelemetry.Name && s.DisplayName == "VisitorHub.Start");
        spans.Should().Contain(s => s.Source.Name == "LiveChat.Core", "the core's spans are registered by the same helper");
    }
}
