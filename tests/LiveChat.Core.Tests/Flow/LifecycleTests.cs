using LiveChat.Core.Conversations;
using LiveChat.Core.Flow;
using LiveChat.Core.Internal;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Tests.Scenarios;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveChat.Core.Tests.Flow;

/// <summary>Issue 15, item 4: composition by constructors, start tasks run once, stop drains what is in flight, host logging wins.</summary>
public sealed class LifecycleTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task HostedService_StartRunsEachStartTaskOnce_AndStopWaitsForAReactionInFlight()
    {
        var task = new CountingStartTask();
        var slow = new GatePublisher(e => e is MessagePosted);
        var services = new ServiceCollection();
        services.AddSingleton<ILiveChatEventPublisher>(slow);
        services.AddSingleton<ILiveChatStartTask>(task);
        services.AddLiveChat();
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().Should().ContainSingle().Subject;

        await hosted.StartAsync(CancellationToken.None);
        var chat = provider.GetRequiredService<LiveChatEngine>();
        await provider.GetRequiredService<BackgroundWork>().WhenIdleAsync();
        task.Runs.Should().Be(1, "the host's start and the engine's resolution start the tasks once between them");

        var (conversation, token) = await chat.Conversations.StartAsync(new WorkspaceId("acme"));
        await chat.Visitors.PostAsync(conversation.Workspace, conversation.Id, token, "in flight");
        await slow.Entered.Task.WaitAsync(Patience);
        var stopping = hosted.StopAsync(CancellationToken.None);
        stopping.IsCompleted.Should().BeFalse("a publisher is still handling an event");

        slow.Open();
        await stopping.WaitAsync(Patience);
        slow.Finished.Should().BeTrue();
    }

    [Fact]
    public async Task AfterDisposal_EveryCommandIsRefusedWithEngineStopped_BeforeItChangesAnything_AndNoneHangs()
    {
        var acme = new WorkspaceId("acme");
        var alice = new Agents.AgentId("alice");
        var provider = new ServiceCollection().AddLiveChat().Services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var store = provider.GetRequiredService<LiveChat.Core.Storage.InMemoryLiveChatStore>();
        await chat.Agents.RegisterAsync(acme, new Agents.AgentRegistration(alice, "Alice", 5));
        await chat.Agents.SetStatusAsync(acme, alice, Agents.AgentStatus.Online);
        var (conversation, token) = await chat.Conversations.StartAsync(acme);
        await chat.Conversations.ClaimAsync(acme, conversation.Id, alice);
        var (waiting, waitingToken) = await chat.Conversations.StartAsync(acme);
        var before = await store.FindConversationAsync(acme, conversation.Id);
        await provider.DisposeAsync();

        // Before the change, the first post committed and then left its answer lane marked running for ever, so the
        // visitor's post after it waited without end: each call here is bounded.
        Func<Task>[] commands =
        [
            () => chat.Conversations.PostAgentMessageAsync(acme, conversation.Id, alice, "after the end").AsTask(),
            () => chat.Visitors.PostAsync(acme, conversation.Id, token, "anyone?").AsTask(),
            () => chat.Conversations.StartAsync(acme).AsTask(),
            () => chat.Visitors.RequestAgentAsync(acme, waiting.Id, waitingToken).AsTask(),
            () => chat.Conversations.EndAsync(acme, conversation.Id).AsTask(),
            () => chat.Agents.SetStatusAsync(acme, alice, Agents.AgentStatus.Away).AsTask(),
            () => chat.Agents.HeartbeatAsync(acme, alice).AsTask(),
            () => chat.Agents.RegisterAsync(acme, new Agents.AgentRegistration(new Agents.AgentId("bob"), "Bob", 1)).AsTask(),
        ];
        foreach (var command in commands)
        {
            var refused = await FluentActions.Awaiting(() => command().WaitAsync(Patience)).Should().ThrowAsync<EngineStoppedException>();
            LiveChatException.CategoryOf(refused.Which).Should().Be(LiveChatErrorCategory.Unavailable);
        }

        (await store.FindConversationAsync(acme, conversation.Id)).Should().BeEquivalentTo(before, "nothing was committed");
        (await store.GetMessagesAsync(acme, conversation.Id, 0, 100)).Should().HaveCount((int)before!.LastSequence);
        (await store.FindAgentAsync(acme, alice))!.Status.Should().Be(Agents.AgentStatus.Online);
        (await store.FindAgentAsync(acme, new Agents.AgentId("bob"))).Should().BeNull();
        (await chat.Conversations.GetAsync(acme, conversation.Id)).Version.Should().Be(before!.Version, "reads still work");
    }

    [Fact]
    public async Task Stop_AReactionGivesUpOnTheStop_CallersWaitingInItsLaneAreReleased_NotLeftWaiting()
    {
        // A reaction that honours the stop token gives up when the engine stops. Its lane is let go: the caller waiting
        // for a later event's reaction in the same lane is released instead of waiting for a run that never comes. Both
        // posts were committed, so both answer with their stored message: an exception would tell the caller that nothing
        // changed (an outside check found such a post stored after it threw OperationCanceledException).
        var gate = new Routing.GateReactor(e => e is MessageAppendedEvent { Message.Text: "first" });
        var services = new ServiceCollection();
        services.AddSingleton<IConversationReactor>(gate);
        services.AddLiveChat();
        var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var acme = new WorkspaceId("acme");
        var (conversation, token) = await chat.Conversations.StartAsync(acme);

        var first = Task.Run(() => chat.Visitors.PostAsync(acme, conversation.Id, token, "first").AsTask());
        await Poll.UntilAsync(async () => (await chat.Conversations.GetAsync(acme, conversation.Id)).LastSequence >= 1);
        var second = Task.Run(() => chat.Visitors.PostAsync(acme, conversation.Id, token, "second").AsTask());
        await Poll.UntilAsync(async () => (await chat.Conversations.GetAsync(acme, conversation.Id)).LastSequence >= 2);
        second.IsCompleted.Should().BeFalse("its reaction waits behind the first's, held at the gate");

        await provider.DisposeAsync().AsTask().WaitAsync(Patience);

        (await first.WaitAsync(Patience)).Sequence.Should().Be(1, "its commit stands, though its reaction gave up on the stop");
        (await second.WaitAsync(Patience)).Sequence.Should().Be(2, "its commit stands, though its reaction will never run");
    }

    [Fact]
    public async Task WithoutAHost_ResolvingTheEngineRunsTheStartTasks()
    {
        var task = new CountingStartTask();
        var services = new ServiceCollection();
        services.AddSingleton<ILiveChatStartTask>(task);
        services.AddLiveChat();
        await using var provider = services.BuildServiceProvider();

        _ = provider.GetRequiredService<LiveChatEngine>();
        _ = provider.GetRequiredService<LiveChatEngine>();
        await provider.GetRequiredService<BackgroundWork>().WhenIdleAsync();

        task.Runs.Should().Be(1);
    }

    [Fact]
    public async Task HostLogging_RegisteredAfterAddLiveChat_ReceivesTheSdksLogs()
    {
        var logs = new RecordingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLiveChat();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<LiveChatEngine>().Conversations.StartAsync(new WorkspaceId("acme"));

        logs.Messages.Should().Contain(m => m.Contains("started in workspace acme", StringComparison.Ordinal));
    }

    [Fact]
    public async Task VisitorService_ResolvedBeforeTheEngine_StillHasTheBot()
    {
        var services = new ServiceCollection();
        services.AddLiveChat();
        await using var provider = services.BuildServiceProvider();
        var visitors = provider.GetRequiredService<VisitorService>();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        var acme = new WorkspaceId("acme");
        await chat.Playbooks.PublishAsync(acme, new Playbook
        {
            Id = "greet",
            Version = 1,
            Language = "en",
            StartCardId = "ask",
            Cards =
            [
                new FreeTextQuestionCard { Id = "ask", Text = "What brings you here?", AnswerKey = "why", Next = "bye" },
                new EndCard { Id = "bye", Text = "Thanks!" },
            ],
        });
        var (conversation, token) = await chat.Conversations.StartAsync(acme);

        await visitors.PostAsync(acme, conversation.Id, token, "A quote");

        var texts = (await chat.Conversations.GetMessagesAsync(acme, conversation.Id)).Select(m => m.Text).ToList();
        texts.Should().ContainInOrder("What brings you here?", "A quote", "Thanks!");
    }

    private sealed class CountingStartTask : ILiveChatStartTask
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public ValueTask RunAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Polls a condition every 10 ms, for at most 30 s.</summary>
    private static class Poll
    {
        public static async Task UntilAsync(Func<Task<bool>> condition)
        {
            var deadline = TimeProvider.System.GetUtcNow() + Patience;
            while (!await condition())
            {
                TimeProvider.System.GetUtcNow().Should().BeBefore(deadline, "the condition should hold within the patience");
                await Task.Delay(10);
            }
        }
    }
}
