using LiveChat.AspNetCore.Wire;

namespace LiveChat.AspNetCore.Tests.Scenarios;

/// <summary>
/// Every state a client gets carries the conversation's stored version (features W1, W2): replies and pushes alike, so a
/// client that gets one state by two paths (a reply and a late push) keeps the newer and ignores the stale one.
/// </summary>
public sealed class W2_StateVersionTests
{
    [Fact]
    public async Task StatePushesAndReplies_AssignReassignEnd_CarryTheStoredVersionAscending()
    {
        await using var server = await ChatServer.StartAsync();
        await server.AgentAsync("alice", "Alice");
        await server.AgentAsync("bob", "Bob");
        await using var alice = await HubClient.AgentAsync(server, "alice");
        await using var bob = await HubClient.AgentAsync(server, "bob");
        await alice.InvokeAsync<AgentSummary>("SetStatus", "Online");
        await bob.InvokeAsync<AgentSummary>("SetStatus", "Online");
        await using var visitor = await HubClient.VisitorAsync(server);

        var started = await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest("Jan"));
        var id = started.State.ConversationId;
        await visitor.InvokeAsync<string>("RequestAgent");
        await visitor.WaitUntilAsync(v => v.Of<VisitorState>("StateChanged").Any(s => s.State == "Assigned"), "an agent is assigned");
        var owner = visitor.Of<VisitorState>("StateChanged")[^1].CounterpartName == "Alice" ? alice : bob;
        var reassigned = await owner.InvokeAsync<AgentConversation>("Reassign", id, owner == alice ? "bob" : "alice");
        var ended = await visitor.InvokeAsync<VisitorState>("End");
        await visitor.WaitUntilAsync(v => v.Of<VisitorState>("StateChanged").Any(s => s.State == "Ended"), "the visitor is told of the end");
        await alice.WaitUntilAsync(a => a.Of<AgentConversation>("ConversationChanged").Any(c => c.ConversationId == id && c.State == "Ended"), "the agents are told of the end");
        var stored = await server.Engine.Conversations.GetAsync(ChatServer.Acme, Core.Conversations.ConversationId.Parse(id, null));

        var pushed = visitor.Of<VisitorState>("StateChanged");
        var changed = alice.Of<AgentConversation>("ConversationChanged").Where(c => c.ConversationId == id).ToList();
        started.State.Version.Should().BeGreaterThan(0);
        pushed.Select(s => s.Version).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems().And.OnlyContain(v => v > started.State.Version);
        changed.Select(c => c.Version).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems().And.OnlyContain(v => v > 0);
        reassigned.Version.Should().BeLessThan(ended.Version);
        pushed[^1].Version.Should().Be(stored.Version).And.Be(ended.Version);
        changed[^1].Version.Should().Be(stored.Version);
    }
}
