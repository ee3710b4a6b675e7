using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using LiveChat.AspNetCore.Hubs;
using LiveChat.AspNetCore.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveChat.AspNetCore.Tests.Scenarios;

/// <summary>
/// Server memory per idle connection (issue 16, feature W1): a connection that waits keeps its own small state only. SignalR
/// makes a hub instance for every call; a conversation feed whose store reader was a closure over the hub kept that
/// instance, its client proxies and everything it referenced for the connection's whole life.
/// </summary>
public sealed class W1_IdleConnectionMemoryTests
{
    [Fact]
    public async Task Hubs_VisitorAndAgentFollowingAConversation_KeepNoHubInstanceAlive()
    {
        var hubs = new ConcurrentBag<WeakReference>();
        await using var server = await ChatServer.StartAsync(services: s =>
        {
            Track<VisitorHub>(s, hubs);
            Track<AgentHub>(s, hubs);
        });
        await server.AgentAsync("alice", "Alice");
        await using var alice = await HubClient.AgentAsync(server, "alice");
        await using var visitor = await HubClient.VisitorAsync(server);
        var id = (await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null))).State.ConversationId;
        await alice.InvokeAsync<AgentConversation>("OpenConversation", id, 0L);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        hubs.Should().HaveCountGreaterThanOrEqualTo(4, "each connection's connect and each call had a hub instance");
        hubs.Count(h => h.IsAlive).Should().Be(0, "both connections follow the conversation without keeping a hub that served them");
        await visitor.InvokeAsync<WireMessage>("Post", "Still following?", null);
        await alice.WaitUntilAsync(a => a.Messages.Any(m => m.Text == "Still following?"), "the agent's feed still delivers");
        await visitor.WaitUntilAsync(v => v.Messages.Any(m => m.Text == "Still following?"), "the visitor's feed still delivers");
    }

    [Fact]
    public async Task VisitorHub_CookieCredentialAndLimitedCalls_CacheNoParsedCookiesOnTheUpgradedRequest()
    {
        var requests = new ConcurrentQueue<HttpContext>();
        await using var server = await ChatServer.StartAsync(services: s => s.Configure<HubOptions<VisitorHub>>(o => o.AddFilter(new RequestRecorder(requests))));
        await using var first = await HubClient.VisitorAsync(server);
        var started = await first.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null));
        var cookie = server.Services.GetRequiredService<IOptions<LiveChatAspNetCoreOptions>>().Value.CookieName;
        await using var back = new HubConnectionBuilder()
            .WithUrl(new Uri(server.Url, $"/livechat/visitor?widget={ChatServer.AcmeKey}"), o =>
            {
                o.Headers["Cookie"] = $"{cookie}={started.Credential}";
                o.Headers["Origin"] = ChatServer.AcmeOrigin;
            })
            .Build();
        await back.StartAsync();

        var resumed = await back.InvokeAsync<VisitorState>("Resume", 0L);
        await back.InvokeAsync<WireMessage>("Post", "Hello", null);

        resumed.ConversationId.Should().Be(started.State.ConversationId, "the cookie was read");
        requests.Should().HaveCount(2);
        requests.Should().OnlyContain(
            r => r.Features.Get<IRequestCookiesFeature>() == null,
            "an upgraded request lives as long as its WebSocket: parsed cookies cached on it would stay for every idle visitor");
    }

    /// <summary>Wraps the hub's registration so every instance the container makes is recorded by a weak reference.</summary>
    private static void Track<THub>(IServiceCollection services, ConcurrentBag<WeakReference> hubs)
    {
        var registration = services.Single(d => d.ServiceType == typeof(THub));
        var make = registration.ImplementationFactory!;
        services.Remove(registration);
        services.AddTransient(typeof(THub), sp => Record(make(sp), hubs));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static object Record(object hub, ConcurrentBag<WeakReference> hubs)
    {
        hubs.Add(new WeakReference(hub));
        return hub;
    }

    /// <summary>Records the HTTP request of every visitor connection the hub accepts.</summary>
    private sealed class RequestRecorder(ConcurrentQueue<HttpContext> requests) : IHubFilter
    {
        public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
        {
            requests.Enqueue(context.Context.GetHttpContext()!);
            return next(context);
        }
    }
}
