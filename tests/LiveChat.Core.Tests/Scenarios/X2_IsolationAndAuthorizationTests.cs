using LiveChat.Core.Routing;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Tests.Scenarios;

/// <summary>X2: workspaces are isolated; only the assigned agent writes as an agent; a visitor reaches only their conversation.</summary>
public sealed class X2_IsolationAndAuthorizationTests
{
    private static readonly WorkspaceId Globex = new("globex");

    [Fact]
    public async Task AnotherWorkspacesConversation_IsNotFound_ForEveryOperation()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var globexAgent = await h.OnlineAgentAsync("alice", workspace: Globex); // same user id, other tenant
        var (conversation, token) = await h.AssignedToAsync(alice);
        var id = conversation.Id;
        var c = h.Chat.Conversations;

        await Refused(() => c.GetAsync(Globex, id).AsTask());
        await Refused(() => c.GetMessagesAsync(Globex, id).AsTask());
        await Refused(() => c.GetTranscriptAsync(Globex, id).AsTask());
        await Refused(() => c.PostAgentMessageAsync(Globex, id, globexAgent, "hi").AsTask());
        await Refused(() => c.AssignAsync(Globex, id, globexAgent).AsTask());
        await Refused(() => c.EndAsync(Globex, id).AsTask());
        await Refused(() => h.Chat.Visitors.PostAsync(Globex, id, token, "hi").AsTask());
        await Refused(() => h.Chat.Details.AddNoteAsync(Globex, id, globexAgent, "note").AsTask());

        var after = await c.GetAsync(h.Workspace, id);
        after.Version.Should().Be(2);
        after.LastSequence.Should().Be(1);
        (await h.Chat.Inbox.ListAsync(Globex, globexAgent, InboxFolder.Mine)).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task AnAgentOfAnotherWorkspace_IsNotFound_InThisOne()
    {
        await using var h = new LiveChatHarness();
        var outsider = await h.OnlineAgentAsync("outsider", workspace: Globex);
        var (conversation, _) = await h.StartAsync();

        await FluentActions.Awaiting(() => h.Chat.Conversations.ClaimAsync(h.Workspace, conversation.Id, outsider).AsTask())
            .Should().ThrowAsync<AgentNotFoundException>();
    }

    [Fact]
    public async Task OnlyTheAssignedAgent_PostsAsAnAgent()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var bob = await h.OnlineAgentAsync("bob");
        var (conversation, _) = await h.AssignedToAsync(alice);

        await FluentActions.Awaiting(() => h.Chat.Conversations.PostAgentMessageAsync(h.Workspace, conversation.Id, bob, "hijack").AsTask())
            .Should().ThrowAsync<NotAssignedAgentException>().Where(e => e.AgentId == bob);
        await FluentActions.Awaiting(() => h.Chat.Conversations.EndAsync(h.Workspace, conversation.Id, bob).AsTask())
            .Should().ThrowAsync<NotAssignedAgentException>();
        (await h.Chat.Conversations.GetAsync(h.Workspace, conversation.Id)).LastSequence.Should().Be(1);
    }

    [Fact]
    public async Task AnAgent_CannotPostToAnUnassignedConversation()
    {
        await using var h = new LiveChatHarness(o => o.Routing.Strategy = RoutingStrategy.Manual);
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, _) = await h.StartAsync();

        await FluentActions.Awaiting(() => h.Chat.Conversations.PostAgentMessageAsync(h.Workspace, conversation.Id, alice, "hi").AsTask())
            .Should().ThrowAsync<NotAssignedAgentException>();
    }

    [Fact]
    public async Task AVisitor_UsingAnotherConversationsToken_IsRefusedAsNotFound_AndNothingIsWritten()
    {
        await using var h = new LiveChatHarness();
        var (mine, myToken) = await h.StartAsync("Jana");
        var (theirs, _) = await h.StartAsync("Petr");
        await h.Chat.Conversations.PostBotMessageAsync(h.Workspace, theirs.Id, "private to Petr");

        await Refused(() => h.Chat.Visitors.GetMessagesAsync(h.Workspace, theirs.Id, myToken).AsTask());
        await Refused(() => h.Chat.Visitors.PostAsync(h.Workspace, theirs.Id, myToken, "let me in").AsTask());
        await Refused(() => h.Chat.Visitors.GetConversationAsync(h.Workspace, theirs.Id, myToken).AsTask());
        await Refused(() => h.Chat.Visitors.EndAsync(h.Workspace, theirs.Id, myToken).AsTask());
        await Refused(() => h.Chat.Visitors.GetConversationAsync(h.Workspace, mine.Id, new VisitorToken("guess")).AsTask());
        // default(VisitorToken) is no token at all: bad input, refused before the store is asked (issue 14).
        await h.Invoking(x => x.Chat.Visitors.GetConversationAsync(x.Workspace, mine.Id, default).AsTask()).Should().ThrowAsync<ArgumentException>();

        var after = await h.Chat.Conversations.GetAsync(h.Workspace, theirs.Id);
        after.State.Should().Be(ConversationState.BotFlow);
        after.LastSequence.Should().Be(1);
    }

    [Fact]
    public async Task VisitorTokens_AreUnguessable_AndOnlyTheirHashIsStored()
    {
        await using var h = new LiveChatHarness();
        var tokens = new HashSet<string>();
        for (var i = 0; i < 100; i++)
        {
            var (conversation, token) = await h.StartAsync();
            token.Value.Length.Should().BeGreaterThanOrEqualTo(43, "256 random bits in base64url");
            tokens.Add(token.Value).Should().BeTrue();
            conversation.VisitorTokenHash.Should().NotContain(token.Value).And.HaveLength(64);
        }
    }

    [Fact]
    public async Task TheVisitorView_HidesAgentsInternalDetails()
    {
        await using var h = new LiveChatHarness();
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, token) = await h.AssignedToAsync(alice);
        await h.Chat.Details.AddNoteAsync(h.Workspace, conversation.Id, alice, "VIP, hard negotiator");

        var view = await h.Chat.Visitors.GetConversationAsync(h.Workspace, conversation.Id, token);

        typeof(VisitorConversationView).GetProperties().Select(p => p.Name).Should().NotContain(["Details", "VisitorTokenHash", "AssignedAgentId"]);
        view.ToString().Should().NotContain("VIP");
    }

    [Fact]
    public async Task UnknownIds_AreRefusedWithSpecificExceptions()
    {
        await using var h = new LiveChatHarness();
        var unknown = new ConversationId(Guid.CreateVersion7());

        await Refused(() => h.Chat.Conversations.GetAsync(h.Workspace, unknown).AsTask());
        await FluentActions.Awaiting(() => h.Chat.Agents.SetStatusAsync(h.Workspace, new AgentId("ghost"), AgentStatus.Online).AsTask())
            .Should().ThrowAsync<AgentNotFoundException>();
        await FluentActions.Awaiting(() => h.Chat.Conversations.GetAsync(h.Workspace, default).AsTask()).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => h.Chat.Conversations.GetAsync(default, unknown).AsTask()).Should().ThrowAsync<ArgumentException>();
    }

    private static async Task Refused(Func<Task> act) => await act.Should().ThrowAsync<ConversationNotFoundException>();
}
