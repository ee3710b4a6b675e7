using LiveChat.AspNetCore.Wire;
using LiveChat.Core.Conversations;
using Microsoft.AspNetCore.SignalR;

namespace LiveChat.AspNetCore.Tests.Scenarios;

/// <summary>
/// Authorization on the hubs (features W1, X2): wrong credentials look exactly like a missing conversation, agents stay in
/// their workspace, only the owner posts as agent, and a visitor's client never receives anything agents-only.
/// </summary>
public sealed class X2_HubAuthorizationTests
{
    [Fact]
    public async Task Resume_AnotherConversationsTokenOrAnotherWorkspacesKey_RefusedExactlyLikeAMissingConversation()
    {
        await using var server = await ChatServer.StartAsync();
        await using var first = await HubClient.VisitorAsync(server);
        await using var second = await HubClient.VisitorAsync(server);
        var mine = await first.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null));
        var theirs = await second.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null));
        var token = mine.Credential[mine.Credential.IndexOf('.', StringComparison.Ordinal)..];

        var missing = await ResumeRefusalAsync(server, ChatServer.AcmeKey, ChatServer.AcmeOrigin, $"{Guid.NewGuid()}{token}");
        var otherConversation = await ResumeRefusalAsync(server, ChatServer.AcmeKey, ChatServer.AcmeOrigin, $"{theirs.State.ConversationId}{token}");
        var otherWorkspace = await ResumeRefusalAsync(server, ChatServer.GlobexKey, "https://globex.test", mine.Credential);

        missing.Should().Be("not_found: Not found.");
        otherConversation.Should().Be(missing);
        otherWorkspace.Should().Be(missing);
    }

    [Fact]
    public async Task AgentHub_AgentOfAnotherWorkspace_CanNeitherReadNorWrite()
    {
        await using var server = await ChatServer.StartAsync();
        await server.AgentAsync("carol", "Carol", ChatServer.Globex);
        await using var visitor = await HubClient.VisitorAsync(server);
        var session = await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null));
        await visitor.InvokeAsync<WireMessage>("Post", "A private question", "v-1");
        await using var carol = await HubClient.AgentAsync(server, ChatServer.Globex.Value, "carol");
        var id = session.State.ConversationId;

        var calls = new Func<Task>[]
        {
            () => carol.InvokeAsync<AgentConversation>("OpenConversation", id, 0L),
            () => carol.InvokeAsync<WireTranscript>("GetTranscript", id),
            () => carol.InvokeAsync<ConversationDetailsView>("GetDetails", id),
            () => carol.InvokeAsync<AgentConversation>("Claim", id),
            () => carol.InvokeAsync<WireMessage>("Post", id, "Hi from Globex", "c-1"),
            () => carol.InvokeAsync<ConversationDetailsView>("AddNote", id, "note"),
            () => carol.InvokeAsync<AgentConversation>("End", id),
        };
        foreach (var call in calls)
        {
            (await call.Should().ThrowAsync<HubException>()).Which.Message.Refusal().Should().Be("not_found: Not found.");
        }

        carol.Messages.Should().BeEmpty();
        var stored = await server.Engine.Conversations.GetAsync(ChatServer.Acme, ConversationId.Parse(id, null));
        (stored.LastSequence, stored.State, stored.Details.Notes.Length).Should().Be((1L, ConversationState.BotFlow, 0));
    }

    [Fact]
    public async Task AgentHub_UnauthenticatedOrUnknownUser_Refused()
    {
        await using var server = await ChatServer.StartAsync();

        var anonymous = await HubClient.RefusalAsync(() => HubClient.AgentAsync(server, "", ""));
        var unknown = await HubClient.RefusalAsync(() => HubClient.AgentAsync(server, "nobody"));

        anonymous.Should().Contain("unauthorized:");
        unknown.Should().Contain("unauthorized:");
    }

    [Fact]
    public async Task Post_AgentWhoDoesNotOwnTheConversation_Forbidden()
    {
        await using var server = await ChatServer.StartAsync();
        await server.AgentAsync("alice", "Alice");
        await server.AgentAsync("bob", "Bob");
        await using var alice = await HubClient.AgentAsync(server, "alice");
        await using var bob = await HubClient.AgentAsync(server, "bob");
        await alice.InvokeAsync<AgentSummary>("SetStatus", "Online");
        await using var visitor = await HubClient.VisitorAsync(server);
        var id = (await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest(null))).State.ConversationId;
        await visitor.InvokeAsync<string>("RequestAgent");

        var act = () => bob.InvokeAsync<WireMessage>("Post", id, "Let me answer instead", "b-1");

        (await act.Should().ThrowAsync<HubException>()).Which.Message.Refusal().Should().StartWith("forbidden:");
        (await server.Engine.Conversations.GetMessagesAsync(ChatServer.Acme, ConversationId.Parse(id, null))).Should().NotContain(m => m.Text == "Let me answer instead");
    }

    [Fact]
    public async Task VisitorFrames_WhileAgentsAddNotesDealValuesAndGetAlerts_NeverCarryAgentOnlyContent()
    {
        await using var server = await ChatServer.StartAsync(core: o => o.Routing.Mode = Core.Routing.RoutingMode.Alert);
        await server.AgentAsync("alice", "Alice");
        await using var alice = await HubClient.AgentAsync(server, "alice");
        await alice.InvokeAsync<AgentSummary>("SetStatus", "Online");
        await using var visitor = await HubClient.VisitorAsync(server);
        var id = (await visitor.InvokeAsync<VisitorStarted>("Start", new VisitorStartRequest("Jan"))).State.ConversationId;
        await visitor.InvokeAsync<WireMessage>("Post", "Hello", "v-1");
        await visitor.InvokeAsync<string>("RequestAgent");
        await alice.WaitUntilAsync(a => a.Of<AgentAlert>("Notified").Any(n => n.Kind == "NewRequest"), "Alice is alerted");
        await alice.InvokeAsync<AgentConversation>("Claim", id);
        await alice.InvokeAsync<ConversationDetailsView>("AddNote", id, "SECRET-NOTE budget is tight");
        await alice.InvokeAsync<ConversationDetailsView>("UpdateDetails", id, new ConversationDetailsChange(98765.43m, "EUR", "Jan Novak", "Globex"));
        await alice.InvokeAsync<WireMessage>("Post", id, "Done", "a-1");
        await alice.InvokeAsync<AgentConversation>("End", id);
        await visitor.WaitUntilAsync(v => v.Of<VisitorState>("StateChanged").Any(s => s.State == "Ended"), "the visitor sees the end");
        await visitor.WaitUntilAsync(v => v.Messages.Any(m => m.SystemEvent == "Ended"), "the visitor gets the last message");

        visitor.Frames.Select(f => f.Method).Distinct().Should().BeSubsetOf(["MessageReceived", "StateChanged", "FormRequested", "Typing"]);
        var raw = string.Join('\n', visitor.Frames.Select(f => f.Payload.GetRawText()));
        raw.Should().NotContain("SECRET-NOTE").And.NotContain("98765").And.NotContain("Globex").And.NotContain("alice\"")
            .And.NotContain("offerToken").And.NotContain("notes");
        visitor.Messages.Should().OnlyContain(m => m.AgentId == null);
    }

    private static async Task<string> ResumeRefusalAsync(ChatServer server, string widgetKey, string origin, string credential)
    {
        await using var client = await HubClient.VisitorAsync(server, widgetKey, credential, origin);
        var act = () => client.InvokeAsync<VisitorState>("Resume", 0L);
        return HubClient.Refusal((await act.Should().ThrowAsync<HubException>()).Which.Message);
    }
}
