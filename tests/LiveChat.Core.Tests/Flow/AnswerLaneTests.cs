using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Flow;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Routing;
using LiveChat.Core.Tests.Scenarios;
using LiveChat.Core.Tests.Scenarios.Playbooks;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Flow;

/// <summary>
/// Issue 15 (PostMessage cost): a message that no answer reactor wants skips the answer lane, so its caller returns at
/// once; skipping loses nothing routing (N1), the bot (P1–P8) or the reply mailer (E3, E4) would have done, and the
/// events that do enter keep their commit order.
/// </summary>
public sealed class AnswerLaneTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly WorkspaceId Acme = new("acme");

    [Fact]
    public async Task Post_NoAnswerReactorWantsIt_NeverReachesTheLane_WantedOnesKeepCommitOrder()
    {
        var picky = new PickyReactor(ReactorLane.Answer, e => e is MessageAppendedEvent { Message.Text: ['w', ..] });

        // The start read that the workspace has no playbook: from then on the bot wants no visitor message.
        var seen = await PickyReactor.SeenAfterVisitorPostsAsync(picky, "skip-1", "w-1", "skip-2", "w-2", "w-3", "skip-3");

        seen.Should().Equal("w-1", "w-2", "w-3");
    }

    [Fact]
    public async Task Post_NoAnswerReactorWantsIt_ReturnsWhileAnEarlierReactionStillRuns()
    {
        var picky = new PickyReactor(ReactorLane.Answer, e => e is MessageAppendedEvent { Message.Text: ['w', ..] }, blockOn: "w-slow");
        var (provider, chat) = PickyReactor.Engine(picky);
        await using var _ = provider;
        var (conversation, token) = await chat.Conversations.StartAsync(Acme);

        var slow = chat.Visitors.PostAsync(Acme, conversation.Id, token, "w-slow").AsTask();
        await picky.Entered.Task.WaitAsync(Patience);
        await chat.Visitors.PostAsync(Acme, conversation.Id, token, "skip").AsTask().WaitAsync(Patience);

        slow.IsCompleted.Should().BeFalse("the earlier post still waits for its own reaction");
        picky.Open();
        await slow.WaitAsync(Patience);
        await chat.Visitors.PostAsync(Acme, conversation.Id, token, "w-after");
        picky.Seen.Should().Equal("w-slow", "w-after");
    }

    [Fact]
    public async Task Post_CallerCancelsWhileItRunsTheLaneItself_StopsWaiting_AndTheLaneGoesOnInTheBackground()
    {
        // The caller finds the answer lane idle and runs it on its own flow; its reaction then waits. Cancelling the
        // caller's token ends the caller's wait at once (the message is already committed), and the lane's run is not
        // cut: its reaction finishes once released, and the lane takes the next message in order.
        var picky = new PickyReactor(ReactorLane.Answer, e => e is MessageAppendedEvent { Message.Text: ['w', ..] }, blockOn: "w-slow");
        var (provider, chat) = PickyReactor.Engine(picky);
        await using var _ = provider;
        var (conversation, token) = await chat.Conversations.StartAsync(Acme);
        using var cancel = new CancellationTokenSource();

        var slow = chat.Visitors.PostAsync(Acme, conversation.Id, token, "w-slow", cancellationToken: cancel.Token).AsTask();
        await picky.Entered.Task.WaitAsync(Patience);
        cancel.Cancel();

        await FluentActions.Awaiting(() => slow.WaitAsync(Patience)).Should().ThrowAsync<OperationCanceledException>();
        (await chat.Conversations.GetMessagesAsync(Acme, conversation.Id)).Select(m => m.Text).Should().Contain("w-slow", "the commit came before the wait");
        picky.Open();
        await chat.Visitors.PostAsync(Acme, conversation.Id, token, "w-after").AsTask().WaitAsync(Patience);
        await Settle.AllAsync(provider).WaitAsync(Patience);
        picky.Seen.Should().Equal("w-slow", "w-after");
    }

    [Fact]
    public void RouterActsOnMessage_OnlyForAWaitingRequestOrAVisitorsMessageToAnOwner()
    {
        var owner = new AgentId("alice");
        var botFlow = Conversation(ConversationState.BotFlow);
        var assigned = Conversation(ConversationState.Assigned) with { AssignedAgentId = owner };
        var waiting = Conversation(ConversationState.Unassigned) with { Routing = new RoutingTicket(RoutingTarget.Workspace, DateTimeOffset.UnixEpoch) };

        Router.ActsOnMessage(assigned, Message(assigned, SenderKind.Visitor)).Should().BeTrue("the owner hears of it (N1)");
        Router.ActsOnMessage(assigned, Message(assigned, SenderKind.Agent)).Should().BeFalse();
        Router.ActsOnMessage(waiting, Message(waiting, SenderKind.Agent)).Should().BeTrue("the backlog entry is refreshed");
        Router.ActsOnMessage(botFlow, Message(botFlow, SenderKind.Visitor)).Should().BeFalse();
        Router.ActsOnMessage(botFlow, Message(botFlow, SenderKind.Bot)).Should().BeFalse();
    }

    [Fact]
    public async Task BotWants_VisitorMessage_UnlessTheWorkspaceIsKnownToHaveNoPlaybook_AndAgainOncePublished()
    {
        var (provider, chat) = PickyReactor.Engine(null);
        await using var _ = provider;
        var bot = provider.GetServices<IConversationReactor>().OfType<BotReactor>().Single();
        var (conversation, token) = await chat.Conversations.StartAsync(Acme);
        var visitors = Appended(conversation, SenderKind.Visitor);

        bot.Wants(Appended(conversation, SenderKind.Agent)).Should().BeFalse();
        await chat.Visitors.PostAsync(Acme, conversation.Id, token, "hello");
        bot.Wants(visitors).Should().BeFalse("a fresh read found no playbook");
        var cacheDuration = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<LiveChatOptions>>().Value.WorkspaceCacheDuration;
        bot.Wants(Appended(conversation, SenderKind.Visitor, TimeProvider.System.GetUtcNow() + cacheDuration + TimeSpan.FromSeconds(1)))
            .Should().BeTrue("at that message's time the read that found none is too old to trust");
        bot.Wants(Appended(conversation with { Workspace = new WorkspaceId("other") }, SenderKind.Visitor)).Should().BeTrue("nothing is known of that workspace");

        await chat.Playbooks.PublishAsync(Acme, SeedPlaybooks.Full());

        bot.Wants(visitors).Should().BeTrue();
        (await chat.Visitors.PostAsync(Acme, conversation.Id, token, "hello again")).Should().NotBeNull();
        (await chat.Visitors.GetMessagesAsync(Acme, conversation.Id, token)).Should().Contain(m => m.Sender.Kind == SenderKind.Bot, "the bot greets a conversation that started before the publication");
    }

    [Fact]
    public async Task BotWants_EveryVisitorMessage_OverAPlaybookStoreOtherProcessesMayWrite()
    {
        // A store that is not the embedded one (as SQLite's and PostgreSQL's are not): another process may publish and start
        // a run there unseen, so a read that found no playbook proves nothing (outside checker, issue 15: a second server
        // that had read "none" dropped a visitor's answer to a playbook another server had started).
        var services = new ServiceCollection().AddSingleton<IPlaybookStore>(new SharedPlaybookStore()).AddLiveChat().Services;
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var bot = provider.GetServices<IConversationReactor>().OfType<BotReactor>().Single();
        var (conversation, token) = await chat.Conversations.StartAsync(Acme);
        await chat.Visitors.PostAsync(Acme, conversation.Id, token, "hello");

        bot.Wants(Appended(conversation, SenderKind.Visitor)).Should().BeTrue();
    }

    [Fact]
    public async Task BotWants_AVisitorMessage_AsSoonAsAnotherEngineOverTheSameEmbeddedStorePublishes()
    {
        // Engines of one process sharing the embedded store, as silos in one process do: a publication through one is seen
        // by the other's shortcut at once, not after the cache duration.
        var playbooks = new InMemoryPlaybookStore();
        await using var first = new ServiceCollection().AddSingleton<IPlaybookStore>(playbooks).AddLiveChat().Services.BuildServiceProvider();
        await using var second = new ServiceCollection().AddSingleton<IPlaybookStore>(playbooks).AddLiveChat().Services.BuildServiceProvider();
        var chat = second.GetRequiredService<LiveChatEngine>();
        var bot = second.GetServices<IConversationReactor>().OfType<BotReactor>().Single();
        var (conversation, token) = await chat.Conversations.StartAsync(Acme);
        await chat.Visitors.PostAsync(Acme, conversation.Id, token, "hello");
        bot.Wants(Appended(conversation, SenderKind.Visitor)).Should().BeFalse("this engine read that the workspace has no playbook");

        await first.GetRequiredService<LiveChatEngine>().Playbooks.PublishAsync(Acme, SeedPlaybooks.Full());

        bot.Wants(Appended(conversation, SenderKind.Visitor)).Should().BeTrue("the other engine published to the same store");
    }

    [Fact]
    public async Task ReplyMailWants_AnAgentReply_OnlyWhileNoWindowIsArmed_AndAgainAfterItFired()
    {
        await using var h = new LiveChatHarness();
        var mailer = h.Services.GetServices<IConversationReactor>().OfType<ReplyMailReactor>().Single();
        var alice = await h.OnlineAgentAsync("alice");
        var (conversation, _) = await h.AssignedToAsync(alice);
        var reply = Appended(conversation, SenderKind.Agent);

        mailer.Wants(reply).Should().BeTrue("no window is open");
        mailer.Wants(Appended(conversation, SenderKind.Visitor)).Should().BeFalse();
        await h.Chat.Conversations.PostAgentMessageAsync(h.Workspace, conversation.Id, alice, "first reply");
        mailer.Wants(reply).Should().BeFalse("the first reply armed the window; it reads later replies when it fires");

        await h.AdvanceAsync(TimeSpan.FromMinutes(2));

        mailer.Wants(reply).Should().BeTrue("the window fired, so the next reply opens a new one");
    }

    private static Conversation Conversation(ConversationState state) => new()
    {
        Workspace = Acme,
        Id = new ConversationId(Guid.CreateVersion7()),
        State = state,
        Channel = "web",
        VisitorName = "Visitor",
        VisitorTokenHash = "unused",
        CounterpartName = "Assistant",
    };

    private static ChatMessage Message(Conversation c, SenderKind kind, DateTimeOffset? sentAt = null) => new()
    {
        ConversationId = c.Id,
        Sequence = 1,
        Sender = new MessageSender(kind, kind.ToString()),
        Text = "hello",
        SentAt = sentAt ?? TimeProvider.System.GetUtcNow(),
    };

    private static MessageAppendedEvent Appended(Conversation c, SenderKind kind, DateTimeOffset? sentAt = null) => new(c, Message(c, kind, sentAt));

    /// <summary>A playbook store that is not the embedded one, as a database's is not: it says nothing of who else writes it.</summary>
    private sealed class SharedPlaybookStore : IPlaybookStore
    {
        private readonly InMemoryPlaybookStore _inner = new();

        public ValueTask<int> PublishAsync(WorkspaceId workspace, Playbook playbook, CancellationToken cancellationToken = default) => _inner.PublishAsync(workspace, playbook, cancellationToken);

        public ValueTask<Playbook?> FindActiveAsync(WorkspaceId workspace, CancellationToken cancellationToken = default) => _inner.FindActiveAsync(workspace, cancellationToken);

        public ValueTask<Playbook?> FindVersionAsync(WorkspaceId workspace, string playbookId, int version, CancellationToken cancellationToken = default)
            => _inner.FindVersionAsync(workspace, playbookId, version, cancellationToken);
    }
}
