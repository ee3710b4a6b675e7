using LiveChat.AspNetCore.Wire;
using LiveChat.Core.Routing;
using Microsoft.AspNetCore.SignalR;

namespace LiveChat.AspNetCore.Tests.Scenarios;

/// <summary>
/// Seed 000 over the two hubs (features W1, N1): the visitor starts, the bot greets, the visitor asks for a human, both
/// online agents are alerted, one claims and the other's alert is withdrawn, messages go both ways, the owner reassigns,
/// the new owner ends, and the transcript has it all.
/// </summary>
public sealed class W1_Seed000ConversationTests
{
    [Fact]
    public async Task Seed000_OverBothHubs_RunsTheWholeConversation()
    {
        await using var server = await ChatServer.StartAsync(core: o => o.Routing.Mode = RoutingMode.Alert);
        await server.AgentAsync("alice", "Alice");
        await server.AgentAsync("bob", "Bob");
        await server.Engine.Playbooks.PublishAsync(ChatServer.Acme, Playbooks.Seed000);
        await using var alice = await HubClient.AgentAsync(server, "alice");
        await using var bob = await HubClient.AgentAsync(server, "bob");
        (await alice.InvokeAsync<AgentSummary>("SetStatus", "Online")).Present.Should().BeTrue();
        await bob.InvokeAsync<AgentSummary>("SetStatus", "Online");

        await using var visitor = await HubClient.VisitorAsync(server);
        var session = await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest("Jan"));
        var id = session.State.ConversationId;
        await visitor.WaitUntilAsync(v => v.Messages.Any(m => m.Text == Playbooks.Question), "the bot greets and asks");
        visitor.Messages.Select(m => (m.Sender, m.Text)).Should().StartWith([("bot", Playbooks.Greeting), ("bot", Playbooks.Question)]);

        await visitor.InvokeAsync<WireMessage>("Post", "I would like a quote for 20 seats, can I talk to someone?", "m-1");
        await alice.WaitUntilAsync(a => a.Of<AgentAlert>("Notified").Any(n => n.Kind == "NewRequest" && n.ConversationId == id), "Alice is alerted");
        await bob.WaitUntilAsync(b => b.Of<AgentAlert>("Notified").Any(n => n.Kind == "NewRequest" && n.ConversationId == id), "Bob is alerted");

        var claimed = await alice.InvokeAsync<AgentConversation>("Claim", id);
        claimed.AssignedAgentId.Should().Be("alice");
        await bob.WaitUntilAsync(b => b.Of<AgentAlert>("Notified").Any(n => n.Kind == "RequestTaken" && n.ConversationId == id), "Bob's alert is withdrawn");
        await visitor.WaitUntilAsync(v => v.Of<VisitorState>("StateChanged").Any(s => s.State == "Assigned" && s.CounterpartName == "Alice"), "the visitor sees Alice join");

        await alice.InvokeAsync<AgentConversation>("OpenConversation", id, 0L);
        await alice.InvokeAsync<WireMessage>("Post", id, "Hello Jan, Alice here. 20 seats, noted.", "a-1");
        await visitor.WaitUntilAsync(v => v.Messages.Any(m => m.Text.StartsWith("Hello Jan", StringComparison.Ordinal)), "the visitor gets Alice's reply");
        await visitor.InvokeAsync<WireMessage>("Post", "Thanks! Could Bob from sales call me?", "m-2");
        await alice.WaitUntilAsync(a => a.Messages.Any(m => m.Text.StartsWith("Thanks!", StringComparison.Ordinal)), "Alice gets the visitor's answer");

        (await alice.InvokeAsync<AgentConversation>("Reassign", id, "bob")).AssignedAgentId.Should().Be("bob");
        await bob.WaitUntilAsync(b => b.Of<AgentAlert>("Notified").Any(n => n.Kind == "ReassignedToYou" && n.ConversationId == id), "Bob is told it is his");
        var refused = () => alice.InvokeAsync<WireMessage>("Post", id, "Still me", "a-2");
        (await refused.Should().ThrowAsync<HubException>()).Which.Message.Refusal().Should().StartWith("forbidden:");
        await bob.InvokeAsync<AgentConversation>("OpenConversation", id, 0L);
        await bob.InvokeAsync<WireMessage>("Post", id, "Bob here, I will call you today.", "b-1");
        await visitor.WaitUntilAsync(v => v.Messages.Any(m => m.Text.StartsWith("Bob here", StringComparison.Ordinal)), "the visitor gets Bob's reply");

        (await bob.InvokeAsync<AgentConversation>("End", id)).State.Should().Be("Ended");
        await visitor.WaitUntilAsync(v => v.Of<VisitorState>("StateChanged").Any(s => s.State == "Ended"), "the visitor sees the end");
        var transcript = await bob.InvokeAsync<WireTranscript>("GetTranscript", id);

        transcript.Messages.Select(m => m.Text).Should().Contain(
            [Playbooks.Greeting, "I would like a quote for 20 seats, can I talk to someone?", "Hello Jan, Alice here. 20 seats, noted.", "Bob here, I will call you today."]);
        await visitor.WaitUntilAsync(v => v.Messages.Count == transcript.Messages.Count, "the visitor has every message");
        visitor.Messages.Select(m => m.Sequence).Should().Equal(transcript.Messages.Select(m => m.Sequence), "every message reached the visitor once, in order");
        transcript.PlainText.Should().Contain("Bob here, I will call you today.");
    }
}
