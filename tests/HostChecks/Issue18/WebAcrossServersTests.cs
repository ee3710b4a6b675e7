// W1/W2 across servers: two web servers, each a silo, a real SignalR client as visitor on server A, the agent acting on
// server B. The visitor sees each reply once and in order, then reconnects to B and resumes without loss.
using System.Collections.Concurrent;
using System.Net;
using FluentAssertions;
using LiveChat.AspNetCore;
using LiveChat.AspNetCore.Wire;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace LiveChat.Issue18.Checks;

public sealed class WebAcrossServersTests
{
    private const string WidgetKey = "pk_test_s6";

    private static async Task<WebApplication> StartWebServerAsync(string clusterId, int siloPort, int gatewayPort, int primaryPort, WorkspaceId ws)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddLiveChat(o => o.BotDisplayName = "Leo")
            .UsePostgreSql(Pg.Required)
            .UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, new IPEndPoint(IPAddress.Loopback, primaryPort), clusterId, clusterId);
                silo.Configure<ClusterMembershipOptions>(o =>
                {
                    o.ProbeTimeout = TimeSpan.FromSeconds(1);
                    o.NumMissedProbesLimit = 2;
                    o.NumVotesForDeathDeclaration = 1;
                });
            })
            .AddAspNetCore(o => o.Widgets[WidgetKey] = new LiveChatWidget { Workspace = ws, AllowedOrigins = { "https://www.acme.example" } });
        var app = builder.Build();
        app.MapLiveChat("/livechat");
        await app.StartAsync();
        return app;
    }

    [ClusterFact]
    public async Task AVisitorOnServerA_SeesEveryReplyOfAnAgentOnServerB_OnceInOrder_ThenResumesOnBWithoutLoss()
    {
        var ws = Ids.Workspace("web");
        var clusterId = Ids.ClusterId();
        var (siloA, gwA, siloB, gwB) = (Cluster.FreePort(), Cluster.FreePort(), Cluster.FreePort(), Cluster.FreePort());
        await using var serverA = await StartWebServerAsync(clusterId, siloA, gwA, siloA, ws);
        await using var serverB = await StartWebServerAsync(clusterId, siloB, gwB, siloA, ws);
        var chatB = serverB.Services.GetRequiredService<LiveChatEngine>();

        var received = new ConcurrentQueue<WireMessage>();
        var visitor = new HubConnectionBuilder().WithUrl($"{serverA.Urls.First()}/livechat/visitor?widget={WidgetKey}").Build();
        visitor.On<WireMessage>("MessageReceived", m => received.Enqueue(m));
        await using (visitor)
        {
            await visitor.StartAsync();
            var session = await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest("Jan <b>Novák</b>"));
            var conversationId = ConversationId.Parse(session.State.ConversationId, null);
            await visitor.InvokeAsync<WireMessage>("Post", "I need a quote", "msg-1");

            var alice = new AgentId("alice");
            await chatB.Agents.RegisterAsync(ws, new AgentRegistration(alice, "Alice", 3));
            await chatB.Agents.SetStatusAsync(ws, alice, AgentStatus.Online);
            await chatB.Agents.HeartbeatAsync(ws, alice);
            var status = await visitor.InvokeAsync<string>("RequestAgent");
            status.Should().BeOneOf("Assigned", "Queued", "Offered");
            await Wait.UntilAsync(async () => (await chatB.Conversations.GetAsync(ws, conversationId)).AssignedAgentId == alice,
                TimeSpan.FromSeconds(30), "assigned to Alice on B");

            for (var i = 0; i < 20; i++)
                await chatB.Conversations.PostAgentMessageAsync(ws, conversationId, alice, $"reply {i} <script>x</script>", $"r{i}");

            await Wait.UntilAsync(() => received.Count(m => m.ClientMessageId?.StartsWith("r") == true) >= 20, TimeSpan.FromSeconds(30),
                "the visitor on A receives the 20 replies posted on B");
            var replies = received.Where(m => m.ClientMessageId?.StartsWith("r") == true).ToList();
            replies.Select(m => m.ClientMessageId).Should().Equal(Enumerable.Range(0, 20).Select(i => $"r{i}"), "each once, in order");
            replies.Should().OnlyContain(m => m.Text.EndsWith("<script>x</script>"), "text travels exactly as written");
            var sequences = received.Select(m => m.Sequence).ToList();
            sequences.Should().OnlyHaveUniqueItems().And.BeInAscendingOrder();

            // The visitor's connection to A drops; it reconnects to B with its credential and resumes from the 10th reply.
            var resumeAfter = replies[9].Sequence;
            var resumed = new ConcurrentQueue<WireMessage>();
            var again = new HubConnectionBuilder()
                .WithUrl($"{serverB.Urls.First()}/livechat/visitor?widget={WidgetKey}", o => o.AccessTokenProvider = () => Task.FromResult<string?>(session.Credential))
                .Build();
            again.On<WireMessage>("MessageReceived", m => resumed.Enqueue(m));
            await using (again)
            {
                await visitor.StopAsync();
                await again.StartAsync();
                var state = await again.InvokeAsync<VisitorState>("Resume", resumeAfter);
                state.ConversationId.Should().Be(session.State.ConversationId);
                await Wait.UntilAsync(() => resumed.Count(m => m.ClientMessageId?.StartsWith("r") == true) >= 10, TimeSpan.FromSeconds(20),
                    "the 10 later replies replayed on B");
                await chatB.Conversations.PostAgentMessageAsync(ws, conversationId, alice, "live after resume", "live-1");
                await Wait.UntilAsync(() => resumed.Any(m => m.ClientMessageId == "live-1"), TimeSpan.FromSeconds(20), "a live reply after resume");
                resumed.Select(m => m.Sequence).Should().OnlyHaveUniqueItems().And.BeInAscendingOrder();
                resumed.Select(m => m.Sequence).Should().OnlyContain(s => s > resumeAfter);
            }
        }

        await serverB.StopAsync();
        await serverA.StopAsync();
    }
}
