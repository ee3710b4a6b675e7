using LiveChat.AspNetCore.Wire;
using LiveChat.Core.Conversations;

namespace LiveChat.AspNetCore.Tests.Scenarios;

/// <summary>
/// Typing indicators (feature W6) are relayed to the other side and never stored; the visitor's other calls (contact form,
/// read cursor, page closed, end) reach the SDK through the hub, and a visitor resuming a chat that ended
/// while away learns it from the resync.
/// </summary>
public sealed class W6_TypingAndVisitorCallsTests
{
    [Fact]
    public async Task Typing_BothWays_RelayedToTheOtherSideAndNeverStored()
    {
        await using var server = await ChatServer.StartAsync();
        await server.AgentAsync("alice", "Alice");
        await using var alice = await HubClient.AgentAsync(server, "alice");
        await alice.InvokeAsync<AgentSummary>("SetStatus", "Online");
        await using var visitor = await HubClient.VisitorAsync(server);
        var id = (await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null))).State.ConversationId;
        await visitor.InvokeAsync<string>("RequestAgent");
        await alice.InvokeAsync<AgentConversation>("OpenConversation", id, 0L);
        var before = (await server.Engine.Conversations.GetAsync(ChatServer.Acme, ConversationId.Parse(id, null))).LastSequence;

        await visitor.InvokeAsync("Typing", true);
        await alice.InvokeAsync("Typing", id, true);

        await alice.WaitUntilAsync(a => a.Of<TypingIndicator>("Typing").Any(t => t.Sender == "visitor" && t.IsTyping), "Alice sees the visitor typing");
        await visitor.WaitUntilAsync(v => v.Of<TypingIndicator>("Typing").Any(t => t.Sender == "agent" && t.DisplayName == "Alice"), "the visitor sees Alice typing");
        (await server.Engine.Conversations.GetAsync(ChatServer.Acme, ConversationId.Parse(id, null))).LastSequence.Should().Be(before, "typing is never stored");
    }

    [Fact]
    public async Task VisitorCalls_ContactFormReadCursorAndEnd_ReachTheConversationAndResumeShowsTheEnd()
    {
        await using var server = await ChatServer.StartAsync();
        await using var visitor = await HubClient.VisitorAsync(server);
        var session = await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null));
        var id = ConversationId.Parse(session.State.ConversationId, null);

        await visitor.InvokeAsync("SubmitContactForm", new VisitorContactForm("Jan Novak", "jan@example.com", null));
        await visitor.WaitUntilAsync(v => v.Messages.Any(m => m.SystemEvent == "ContactFormSubmitted"), "the form shows as a system message");
        var seen = visitor.Messages.Max(m => m.Sequence);
        var cursor = await visitor.InvokeAsync<long>("MarkRead", seen);
        await visitor.InvokeAsync("PageClosed");
        await server.Engine.Conversations.EndAsync(ChatServer.Acme, id);
        await using var back = await HubClient.VisitorAsync(server, credential: session.Credential);
        var resumed = await back.InvokeAsync<VisitorState>("Resume", cursor);

        cursor.Should().Be(seen);
        (await server.Engine.Conversations.GetAsync(ChatServer.Acme, id)).VisitorName.Should().Be("Jan Novak");
        resumed.State.Should().Be("Ended", "a widget resuming a chat that ended while away closes its reply box");
        await back.WaitUntilAsync(v => v.Messages.Any(m => m.SystemEvent == "Ended"), "the end message follows the resume");
    }
}
