using LiveChat.AspNetCore.Wire;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Testing;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.AspNetCore.Tests.Scenarios;

/// <summary>
/// Chat across servers (feature X7): two web servers, each a silo of one Orleans cluster, share a store. A visitor on
/// server A sees what an agent on server B does, every message once and in order; the agent on B is alerted and offered
/// what was asked on A, and nobody else sees the offer; the visitor resumes on B without loss or duplicate; and a host's
/// subscriber of <c>engine.Events</c> still gets each event once in the whole cluster.
/// </summary>
public sealed class X7_ChatAcrossServersTests
{
    private const int Replies = 20;

    [Fact]
    public async Task ChatAcrossServers_VisitorOnAAgentOnB_VisitorGetsEveryReplyOnceInOrderAndResumesOnB()
    {
        await using var cluster = await ServerCluster.StartAsync(core: o => o.Routing.Mode = RoutingMode.Alert);
        var (a, b) = (cluster[0], cluster[1]);
        await b.AgentAsync("alice", "Alice");
        await using var alice = await HubClient.AgentAsync(b, "alice");
        await alice.InvokeAsync<AgentSummary>("SetStatus", "Online");
        var visitor = await HubClient.VisitorAsync(a);
        var session = await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest("Jan"));
        var id = session.State.ConversationId;

        await visitor.InvokeAsync<WireMessage>("Post", "Can someone help?", "v-1");
        await visitor.InvokeAsync<string>("RequestAgent");
        await alice.WaitUntilAsync(c => c.Of<AgentConversation>("ConversationChanged").Any(x => x.ConversationId == id), "the inbox on B shows the chat started on A");
        await alice.WaitUntilAsync(c => c.Of<AgentAlert>("Notified").Any(n => n.Kind == "NewRequest" && n.ConversationId == id), "Alice on B is alerted");
        await alice.InvokeAsync<AgentConversation>("Claim", id);
        await alice.InvokeAsync<AgentConversation>("OpenConversation", id, 0L);
        for (var i = 0; i < Replies; i++)
        {
            await alice.InvokeAsync<WireMessage>("Post", id, $"reply {i}", $"a-{i}");
        }

        await visitor.WaitUntilAsync(v => v.Of<VisitorState>("StateChanged").Any(s => s.State == "Assigned" && s.CounterpartName == "Alice"), "the visitor on A sees Alice join");
        await visitor.WaitUntilAsync(v => v.Messages.Any(m => m.Text == $"reply {Replies - 1}"), "the visitor on A gets the replies posted on B");
        var stored = await StoredSequencesAsync(b, id);
        visitor.Messages.Select(m => m.Sequence).Should().Equal(stored, "each message reached the visitor on A once, in order");
        var seen = visitor.Messages[^1].Sequence;
        await visitor.DisposeAsync();

        await alice.InvokeAsync<WireMessage>("Post", id, "while you were away", "a-away");
        await using var back = await HubClient.VisitorAsync(b, credential: session.Credential);
        await back.InvokeAsync<VisitorState>("Resume", seen);
        await alice.InvokeAsync<WireMessage>("Post", id, "welcome back", "a-back");

        await back.WaitUntilAsync(v => v.Messages.Any(m => m.Text == "welcome back"), "the visitor, now on B, gets the live reply");
        back.Messages.Select(m => m.Sequence).Should().Equal((await StoredSequencesAsync(b, id)).Where(s => s > seen), "the resume on B lost and repeated nothing");
    }

    [Fact]
    public async Task ChatAcrossServers_OfferToAgentOnB_OnlyTheAddressedAgentGetsTheToken()
    {
        await using var cluster = await ServerCluster.StartAsync(core: o => o.Routing.Mode = RoutingMode.Offer);
        var (a, b) = (cluster[0], cluster[1]);
        await b.AgentAsync("alice", "Alice");
        await b.AgentAsync("bob", "Bob");
        await using var alice = await HubClient.AgentAsync(b, "alice");
        await using var bobOnA = await HubClient.AgentAsync(a, "bob");
        await alice.InvokeAsync<AgentSummary>("SetStatus", "Online");
        await using var visitor = await HubClient.VisitorAsync(a);
        var session = await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null));

        await visitor.InvokeAsync<string>("RequestAgent");

        await alice.WaitUntilAsync(c => c.Of<AgentAlert>("Notified").Any(n => n.Kind == "Offered" && n.ConversationId == session.State.ConversationId), "Alice on B is offered the chat asked for on A");
        var offer = alice.Of<AgentAlert>("Notified").Single(n => n.Kind == "Offered");
        (await alice.InvokeAsync<AgentConversation>("AcceptOffer", offer.ConversationId, offer.OfferToken!.Value)).AssignedAgentId.Should().Be("alice");
        await visitor.WaitUntilAsync(v => v.Of<VisitorState>("StateChanged").Any(s => s.State == "Assigned"), "the visitor on A sees the acceptance on B");
        bobOnA.Of<AgentAlert>("Notified").Should().NotContain(n => n.OfferToken != null, "an offer token goes to the addressed agent only, on any server");
    }

    [Fact]
    public async Task EngineEvents_InACluster_EachEventOnceOnTheServerThatCommittedIt()
    {
        await using var cluster = await ServerCluster.StartAsync();
        var (a, b) = (cluster[0], cluster[1]);
        await using var onA = a.Engine.Events.Subscribe();
        await using var onB = b.Engine.Events.Subscribe();
        await using var relayedOnA = a.Services.GetRequiredService<ILiveChatEventSource>().Subscribe();
        await b.AgentAsync("alice", "Alice");
        await b.Engine.Agents.SetStatusAsync(ChatServer.Acme, new("alice"), Core.Agents.AgentStatus.Online);
        var (conversation, _) = await a.Engine.Conversations.StartAsync(ChatServer.Acme);

        await b.Engine.Conversations.AssignAsync(ChatServer.Acme, conversation.Id, new("alice"));
        await b.Engine.Conversations.PostAgentMessageAsync(ChatServer.Acme, conversation.Id, new("alice"), "posted on B");

        List<LiveChatEvent> relayed = [], committedOnA = [], committedOnB = [];
        await Eventually.HoldsAsync(() => Posted(relayedOnA, relayed) == 1, "the transport of A relays the message posted on B");
        await Eventually.HoldsAsync(() => Posted(onB, committedOnB) == 1, "B's engine.Events has it: B committed it");
        Posted(onA, committedOnA).Should().Be(0, "A's engine.Events carries A's commits only, so a webhook there does not fire again");
        Posted(relayedOnA, relayed).Should().Be(1, "relayed once");
        Posted(onB, committedOnB).Should().Be(1, "published once");
    }

    /// <summary>Reads what <paramref name="subscription"/> has into <paramref name="read"/>; how many are the message posted on B.</summary>
    private static int Posted(EventSubscription subscription, List<LiveChatEvent> read)
    {
        while (subscription.Reader.TryRead(out var e))
        {
            read.Add(e);
        }

        return read.OfType<MessagePosted>().Count(p => p.Message.Text == "posted on B");
    }

    private static async Task<long[]> StoredSequencesAsync(ChatServer server, string id)
    {
        var messages = await server.Engine.Conversations.GetMessagesAsync(ChatServer.Acme, ConversationId.Parse(id, null));
        return [.. messages.Select(m => m.Sequence)];
    }
}
