using System.Collections.Concurrent;
using System.Reflection;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Flow;
using LiveChat.Core.Internal;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using LiveChat.Core.Tests.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LiveChat.Core.Tests.Routing;

/// <summary>
/// One workspace's router, driven through the engine and inspected directly: its backlog, its offers, its drain's
/// store reads, and the drain the callers wait for (features R2, R3, R6, R7).
/// </summary>
public sealed class WorkspaceRouterTests : IAsyncDisposable
{
    private static readonly AgentId Alice = new("alice");

    private readonly CountingStore _reads = new();
    private readonly LiveChatHarness _harness;

    public WorkspaceRouterTests()
        => _harness = new LiveChatHarness(register: services => services.AddSingleton<IConversationStore>(sp => _reads.Wrap(sp.GetRequiredService<InMemoryLiveChatStore>())));

    private LiveChatEngine Chat => _harness.Chat;

    private WorkspaceId Ws => _harness.Workspace;

    [Fact]
    public async Task ObserveAsync_RequestsWhileNobodyIsFree_WaitInTheBacklog_UntilASeatFrees()
    {
        var alice = await _harness.OnlineAgentAsync("alice", capacity: 1);
        var first = await _harness.RequestAsync();
        var second = await _harness.RequestAsync();
        var router = await RouterAsync();

        first.Outcome.Should().Be(HandoffOutcome.Assigned);
        second.Outcome.Should().Be(HandoffOutcome.Offline, "nobody has a free seat; an offline request stays in the backlog");
        router.Waiting.Should().Be(1);

        await Chat.Conversations.EndAsync(Ws, first.Conversation.Id, endedBy: alice);

        router.Waiting.Should().Be(0);
        (await Chat.Conversations.GetAsync(Ws, second.Conversation.Id)).AssignedAgentId.Should().Be(alice);
    }

    [Fact]
    public async Task DrainPass_APlacementCommitted_CountsAtOnce_AndItsReactionDoesNotCountItAgain()
    {
        // The placed conversation's reactions wait at the gate: the drain's caller returns before them.
        var gate = new GateReactor(e => e is ConversationChangedEvent { Before.State: ConversationState.Offline, After.State: ConversationState.Assigned });
        await using var h = new LiveChatHarness(register: services => services.AddSingleton<IConversationReactor>(gate));
        var alice = await h.OnlineAgentAsync("alice", capacity: 2);
        var first = await h.RequestAsync();
        var second = await h.RequestAsync();
        var waiting = await h.RequestAsync();
        var router = await h.Services.GetRequiredService<Router>().ForWorkspaceAsync(h.Workspace, default);
        waiting.Outcome.Should().Be(HandoffOutcome.Offline, "alice's two seats are taken");

        // The end frees a seat and the drain places the waiting request on it.
        await h.Chat.Conversations.EndAsync(h.Workspace, first.Conversation.Id, endedBy: alice);

        (await h.Chat.Conversations.GetAsync(h.Workspace, waiting.Conversation.Id)).AssignedAgentId.Should().Be(alice);
        router.IsRoutable(alice).Should().BeFalse("the drain's placement counts in the table once its commit succeeded, before its reactions run");

        gate.Open();
        await h.SettleAsync();
        await h.Chat.Conversations.EndAsync(h.Workspace, second.Conversation.Id, endedBy: alice);

        router.IsRoutable(alice).Should().BeTrue("alice holds one conversation of two: the placement counted once, not by the drain and its reaction both");
    }

    [Fact]
    public async Task ObserveAsync_TheDrainsPlacementSeenAfterItsCommitReturned_IsNotCountedAgain()
    {
        await using var h = HeldPlacementsHarness(out var gate, out var hook);
        var alice = new AgentId("alice");
        await h.Chat.Agents.RegisterAsync(h.Workspace, new AgentRegistration(alice, "Alice", 2));
        var waiting = await h.RequestAsync();
        waiting.Outcome.Should().Be(HandoffOutcome.Offline);
        var router = await h.Services.GetRequiredService<Router>().ForWorkspaceAsync(h.Workspace, default);

        // Alice comes online and the drain assigns her the waiting request; its reaction waits at the gate.
        await h.Chat.Agents.SetStatusAsync(h.Workspace, alice, AgentStatus.Online);
        (await h.Chat.Conversations.GetAsync(h.Workspace, waiting.Conversation.Id)).AssignedAgentId.Should().Be(alice);
        router.IsRoutable(alice).Should().BeTrue("alice holds one conversation of two");

        // When the reaction confirms alice's load from the store, the table must already hold the same count.
        var routableWhenConfirmed = new List<bool?>();
        hook().BeforeRead = agent => routableWhenConfirmed.Add(router.IsRoutable(agent));
        gate.Open();
        await h.SettleAsync();

        routableWhenConfirmed.Should().NotContain(r => r != true, "the reaction did not count the drain's placement a second time");
        router.IsRoutable(alice).Should().BeTrue("alice still holds one conversation of two after the reaction");
    }

    [Fact]
    public async Task AHandoff_AnswersOnceItsOwnConversationIsPlaced_NotAfterTheRestOfThePass()
    {
        // Issue 15: a call whose answer depends on a reaction awaits that one reaction for its own conversation, never the
        // drain of others. After its batch's commits the pass confirms alice's load from the store; that read is held.
        await using var h = HeldPlacementsHarness(out _, out var hook);
        await h.Chat.Agents.RegisterAsync(h.Workspace, new AgentRegistration(Alice, "Alice", 3));
        await h.Chat.Agents.SetStatusAsync(h.Workspace, Alice, AgentStatus.Online);
        using var held = new ManualResetEventSlim();
        hook().BeforeRead = _ => held.Wait(TimeSpan.FromSeconds(30));

        // Off the test's thread: a pass run on the caller's flow would block it in the held read before returning a task.
        var handoff = await Task.Run(() => h.RequestAsync()).WaitAsync(TimeSpan.FromSeconds(20));

        held.IsSet.Should().BeFalse();
        handoff.Outcome.Should().Be(HandoffOutcome.Assigned);
        handoff.Conversation.AssignedAgentId.Should().Be(Alice);
        held.Set();
        await h.SettleAsync();
        var router = await h.Services.GetRequiredService<Router>().ForWorkspaceAsync(h.Workspace, default);
        router.IsRoutable(Alice).Should().BeTrue("alice holds one conversation of three");
    }

    [Fact]
    public async Task PresenceDue_AHeartbeatRecordedWhileItsReadRuns_AndTheClockMoving_DoesNotLapseAPresentAgent()
    {
        // R1, X7: heartbeats reach other nodes (an agent grain), so the presence timer reads the agent before it lapses
        // them. Here the read misses a heartbeat recorded just after it, and the clock moves 40 s while the read's
        // answer travels back. Judged at the later time, the stale read made a present agent absent (the Issue18
        // presence check's rare failure); judged at the time the read was taken, the timer only moves on.
        await using var h = HeldPlacementsHarness(out _, out var hook);
        var inner = h.Services.GetRequiredService<InMemoryLiveChatStore>();
        await h.Chat.Agents.RegisterAsync(h.Workspace, new AgentRegistration(Alice, "Alice", 3));
        await h.Chat.Agents.SetStatusAsync(h.Workspace, Alice, AgentStatus.Online); // heartbeat at t0, due t0+60
        await h.AdvanceAsync(TimeSpan.FromSeconds(40));
        await inner.RecordHeartbeatAsync(h.Workspace, Alice, h.Clock.GetUtcNow()); // another node's heartbeat, t0+40
        var moved = 0;
        hook().AfterRead = _ =>
        {
            if (Interlocked.Exchange(ref moved, 1) == 0)
            {
                inner.RecordHeartbeatAsync(h.Workspace, Alice, h.Clock.GetUtcNow()).AsTask().GetAwaiter().GetResult(); // t0+80
                h.Clock.Advance(TimeSpan.FromSeconds(40)); // t0+120
            }
        };

        await h.AdvanceAsync(TimeSpan.FromSeconds(40)); // t0+80: the timer, due at t0+60, reads t0+40
        hook().AfterRead = null;

        moved.Should().Be(1, "the presence timer read the agent");
        var router = await h.Services.GetRequiredService<Router>().ForWorkspaceAsync(h.Workspace, default);
        router.IsRoutable(Alice).Should().BeTrue("her heartbeat at t0+80 is live until t0+140");
        (await h.RequestAsync()).Conversation.AssignedAgentId.Should().Be(Alice);

        await h.AdvanceAsync(TimeSpan.FromSeconds(20)); // t0+140: no heartbeat since t0+80
        router.IsRoutable(Alice).Should().BeFalse("the timer moved on to the missed heartbeat's lapse, and fired there");
    }

    [Fact]
    public async Task DrainBatch_AStoreFailureOnOnePlacement_LeavesEveryConversationWaiting_WithNoSeatHeld_AndTheNextDrainPlacesThem()
    {
        // Before: the failed placement and the rest of its batch left the backlog, and the untried ones kept their seats
        // held, so requests waited in the store while the router saw their agent full (Issue18 host check, CI: "while
        // requests wait, every agent's seats are filled" timed out after the store failed under load).
        await using var rig = await HeldDrainAsync(3);
        var (h, recorder, commits) = (rig.Harness, rig.Recorder, rig.Commits);
        recorder.Open();
        commits.FailNextCommit();

        await h.Chat.Agents.SetStatusAsync(h.Workspace, Alice, AgentStatus.Online);

        var router = await h.Services.GetRequiredService<Router>().ForWorkspaceAsync(h.Workspace, default);
        router.Waiting.Should().Be(3, "the failed placement and the untried ones wait again");
        router.IsRoutable(Alice).Should().BeTrue("no seat stays held for a placement that was never made");
        await h.Chat.Agents.HeartbeatAsync(h.Workspace, Alice);
        await h.Chat.Agents.SetStatusAsync(h.Workspace, Alice, AgentStatus.Online);
        foreach (var started in rig.Waiting)
        {
            (await h.Chat.Conversations.GetAsync(h.Workspace, started.Conversation.Id)).AssignedAgentId.Should().Be(Alice);
        }
    }

    [Fact]
    public async Task ObserveAsync_TheDrainsPlacementsCountedAtTheirCommit_AreNotReadAgainPerReaction()
    {
        const int Backlog = 30;
        await using var h = HeldPlacementsHarness(out var gate, out var hook);
        var alice = new AgentId("alice");
        await h.Chat.Agents.RegisterAsync(h.Workspace, new AgentRegistration(alice, "Alice", Backlog));
        var waiting = new List<ConversationId>();
        for (var i = 0; i < Backlog; i++)
        {
            waiting.Add((await h.RequestAsync()).Conversation.Id);
        }

        // The drain places the whole backlog and confirms alice's load once for its batch; the reactions wait at the gate.
        await h.Chat.Agents.SetStatusAsync(h.Workspace, alice, AgentStatus.Online);
        var reads = 0;
        hook().BeforeRead = _ => Interlocked.Increment(ref reads);
        gate.Open();
        await h.SettleAsync();

        reads.Should().Be(0, "each placement was counted when its commit returned and read with its batch");
        var router = await h.Services.GetRequiredService<Router>().ForWorkspaceAsync(h.Workspace, default);
        router.IsRoutable(alice).Should().BeFalse("alice holds all her seats, each counted once");
        foreach (var id in waiting)
        {
            (await h.Chat.Conversations.GetAsync(h.Workspace, id)).AssignedAgentId.Should().Be(alice);
        }
    }

    [Fact]
    public async Task DrainPass_ABatchsReactions_RunOffTheDrain_OneAfterAnotherInCommitOrder_NoneLost()
    {
        // More than one batch (256), so two batches' reactions are handed off.
        const int Backlog = 300;
        await using var rig = await HeldDrainAsync(Backlog);
        var (h, recorder, commits) = (rig.Harness, rig.Recorder, rig.Commits);
        var waiting = rig.Waiting.Select(v => v.Conversation.Id).ToList();

        // The first placement's reaction waits at the gate: the drain places the whole backlog all the same.
        await h.Chat.Agents.SetStatusAsync(h.Workspace, Alice, AgentStatus.Online).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        foreach (var id in waiting)
        {
            (await h.Chat.Conversations.GetAsync(h.Workspace, id)).AssignedAgentId.Should().Be(Alice);
        }

        var placed = commits.Committed;
        placed.Should().OnlyHaveUniqueItems().And.HaveCount(Backlog);
        await recorder.FirstHeld.Task.WaitAsync(TimeSpan.FromSeconds(30));
        recorder.Open();
        await h.SettleAsync();

        recorder.Seen.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(waiting, "every placement's reactions ran, once each");
        foreach (var batch in placed.Chunk(256))
        {
            recorder.Seen.Where(batch.Contains).Should().Equal(batch, "one batch's reactions run one after another, in the order its commits were made");
        }
    }

    [Fact]
    public async Task DrainPass_APlacedConversationsLaterSlowReaction_DoesNotHoldUpTheRestOfItsBatch()
    {
        const int Backlog = 5;
        await using var rig = await HeldDrainAsync(Backlog);
        var (h, recorder, commits) = (rig.Harness, rig.Recorder, rig.Commits);
        await h.Chat.Agents.SetStatusAsync(h.Workspace, Alice, AgentStatus.Online);
        var placed = commits.Committed;
        placed.Should().HaveCount(Backlog, "one batch placed the whole backlog");

        // The batch's first reaction waits at the gate; meanwhile the second conversation ends, and its end's reaction
        // (queued in its lane behind its placement) waits at a second gate.
        await recorder.FirstHeld.Task.WaitAsync(TimeSpan.FromSeconds(30));
        recorder.HoldEndOf(placed[1]);
        var ending = h.Chat.Conversations.EndAsync(h.Workspace, placed[1], endedBy: Alice).AsTask();
        await recorder.EndQueued.Task.WaitAsync(TimeSpan.FromSeconds(30));
        recorder.Open();

        // Every placement's reaction runs while the end's waits (else this times out).
        await recorder.SeenAll(Backlog).WaitAsync(TimeSpan.FromSeconds(30));
        ending.IsCompleted.Should().BeFalse("the end's caller waits for its own reaction");
        recorder.OpenEnd();
        await ending.WaitAsync(TimeSpan.FromSeconds(30));
        await h.SettleAsync();
        recorder.Seen.Should().Equal(placed);
    }

    [Fact]
    public async Task DrainPass_TheEngineStopsWhileABatchsReactionsWait_LetsGoOfTheLanesTheyNeverReached()
    {
        const int Backlog = 3;
        await using var rig = await HeldDrainAsync(Backlog);
        var (h, recorder, commits, visitors) = (rig.Harness, rig.Recorder, rig.Commits, rig.Waiting);
        await h.Chat.Agents.SetStatusAsync(h.Workspace, Alice, AgentStatus.Online);
        var last = commits.Committed[^1];
        await recorder.FirstHeld.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The first placement's reaction waits at the gate when the engine stops: the stop cancels it.
        await h.Services.GetRequiredService<BackgroundWork>().StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        // The batch's last lane was let go: a post to its conversation runs its own answer, or is cancelled, but never
        // waits for a run that will not come (it would time out here).
        var visitor = visitors.Single(v => v.Conversation.Id == last);
        var post = h.Chat.Visitors.PostAsync(h.Workspace, last, visitor.VisitorToken, "still there?").AsTask();
        await post.ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(30));
        recorder.Seen.Should().NotContain(last, "the run stopped before it reached that lane");
    }

    [Fact]
    public async Task DrainPass_PlacesTheBacklogFromItsSnapshots_WithoutReadingEachConversation()
    {
        await Chat.Agents.RegisterAsync(Ws, new AgentRegistration(new AgentId("alice"), "Alice", 20));
        var waiting = new List<ConversationId>();
        for (var i = 0; i < 10; i++)
        {
            waiting.Add((await _harness.RequestAsync()).Conversation.Id);
        }

        _reads.Reset();
        await Chat.Agents.SetStatusAsync(Ws, new AgentId("alice"), AgentStatus.Online);

        _reads.Count(nameof(IConversationStore.FindConversationAsync)).Should().Be(0, "the backlog holds each waiting conversation as last stored");
        _reads.Count(nameof(IConversationStore.CommitAsync)).Should().Be(10);
        foreach (var id in waiting)
        {
            (await Chat.Conversations.GetAsync(Ws, id)).State.Should().Be(ConversationState.Assigned);
        }
    }

    [Fact]
    public async Task DrainPass_AfterTheVisitorPostedWhileWaiting_ReadsThatConversationOnce_AndPlacesIt()
    {
        await Chat.Agents.RegisterAsync(Ws, new AgentRegistration(new AgentId("alice"), "Alice", 5));
        var started = await _harness.StartAsync();
        await Chat.Conversations.RequestAgentAsync(Ws, started.Conversation.Id);
        await Chat.Visitors.PostAsync(Ws, started.Conversation.Id, started.VisitorToken, "still there?");

        _reads.Reset();
        await Chat.Agents.SetStatusAsync(Ws, new AgentId("alice"), AgentStatus.Online);

        _reads.Count(nameof(IConversationStore.FindConversationAsync)).Should().Be(1);
        _reads.Count(nameof(IConversationStore.CommitAsync)).Should().Be(1, "the fresh read commits at the first attempt");
        (await Chat.Conversations.GetAsync(Ws, started.Conversation.Id)).State.Should().Be(ConversationState.Assigned);
    }

    [Fact]
    public async Task ObserveAsync_AnOfferMade_HoldsTheSeatUntilItsLeaseRunsOut()
    {
        await using var offers = new LiveChatHarness(o =>
        {
            o.Routing.Mode = RoutingMode.Offer;
            o.Routing.OfferTimeout = TimeSpan.FromSeconds(30);
        });
        await offers.OnlineAgentAsync("alice", capacity: 1);
        var request = await offers.RequestAsync();
        var router = await offers.Services.GetRequiredService<Router>().ForWorkspaceAsync(offers.Workspace, default);

        request.Conversation.Routing!.Offer.Should().NotBeNull();
        router.LiveOffers.Should().Be(1);
        router.IsRoutable(new AgentId("alice")).Should().BeFalse("the offer holds the only seat");

        await offers.AdvanceAsync(TimeSpan.FromSeconds(30));

        (await offers.Chat.Conversations.GetAsync(offers.Workspace, request.Conversation.Id)).Routing!.PreviousOffer!.AgentId.Should().Be(new AgentId("alice"));
    }

    [Fact]
    public async Task Dispose_StopsEveryTimer_SoNothingFiresAfterward()
    {
        await using var offers = new LiveChatHarness(o => o.Routing.Mode = RoutingMode.Offer);
        await offers.OnlineAgentAsync("alice", capacity: 1);
        var request = await offers.RequestAsync();
        var router = await offers.Services.GetRequiredService<Router>().ForWorkspaceAsync(offers.Workspace, default);

        router.Dispose();
        await offers.AdvanceAsync(TimeSpan.FromHours(1));

        (await offers.Chat.Conversations.GetAsync(offers.Workspace, request.Conversation.Id)).Routing!.Offer.Should().NotBeNull();
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    /// <summary>A harness whose drain placements' reactions wait at <paramref name="gate"/>, with a hook on every agent read.</summary>
    private static LiveChatHarness HeldPlacementsHarness(out GateReactor gate, out Func<AgentReadHook> hook)
    {
        var held = new GateReactor(e => e is ConversationChangedEvent { Before.State: ConversationState.Offline, After.State: ConversationState.Assigned });
        AgentReadHook? wrapped = null;
        gate = held;
        hook = () => wrapped ?? throw new InvalidOperationException("The agent store has not been resolved yet.");
        return new LiveChatHarness(register: services => services
            .AddSingleton<IConversationReactor>(held)
            .AddSingleton(sp =>
            {
                wrapped = AgentReadHook.Wrap(sp.GetRequiredService<InMemoryLiveChatStore>(), out var store);
                return store;
            }));
    }

    /// <summary>Records the conversations placed from the backlog, in the order their reactions run; holds the first at a gate.</summary>
    /// <summary>
    /// A harness whose placements' reactions <see cref="PlacementRecorder"/> records (the first held at its gate) and
    /// whose commits <see cref="CountingStore"/> counts from now on, with alice registered offline for
    /// <paramref name="backlog"/> seats and that many requests waiting.
    /// </summary>
    private static async Task<DrainRig> HeldDrainAsync(int backlog)
    {
        var recorder = new PlacementRecorder();
        var commits = new CountingStore();
        var h = new LiveChatHarness(register: services => services
            .AddSingleton<IConversationReactor>(recorder)
            .AddSingleton<IConversationStore>(sp => commits.Wrap(sp.GetRequiredService<InMemoryLiveChatStore>())));
        await h.Chat.Agents.RegisterAsync(h.Workspace, new AgentRegistration(Alice, "Alice", backlog));
        var waiting = new List<StartedConversation>();
        for (var i = 0; i < backlog; i++)
        {
            var started = await h.StartAsync();
            await h.Chat.Conversations.RequestAgentAsync(h.Workspace, started.Conversation.Id);
            waiting.Add(started);
        }

        commits.Reset();
        return new DrainRig(h, recorder, commits, waiting);
    }

    private sealed record DrainRig(LiveChatHarness Harness, PlacementRecorder Recorder, CountingStore Commits, List<StartedConversation> Waiting) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Harness.DisposeAsync();
    }

    private sealed class PlacementRecorder : IConversationReactor
    {
        private readonly ConcurrentQueue<ConversationId> _seen = new();
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ReactorLane Lane => ReactorLane.Answer;

        public TaskCompletionSource FirstHeld { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<ConversationId> Seen => [.. _seen];

        private readonly TaskCompletionSource _openEnd = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private ConversationId? _endHeld;
        private volatile int _expected = int.MaxValue;

        /// <summary>Completes when the end of the conversation given to <see cref="HoldEndOf"/> was handed to the lanes.</summary>
        public TaskCompletionSource EndQueued { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _open.TrySetResult();

        public void HoldEndOf(ConversationId conversationId) => _endHeld = conversationId;

        /// <summary>Completes once <paramref name="count"/> placements were seen; call it before they can all be.</summary>
        public Task SeenAll(int count)
        {
            _expected = count;
            if (_seen.Count >= count)
            {
                _all.TrySetResult();
            }

            return _all.Task;
        }

        public void OpenEnd() => _openEnd.TrySetResult();

        public bool Wants(FlowEvent flowEvent)
        {
            if (IsHeldEnd(flowEvent))
            {
                EndQueued.TrySetResult();
            }

            return true;
        }

        public async ValueTask ReactAsync(FlowEvent flowEvent, CancellationToken cancellationToken)
        {
            if (IsHeldEnd(flowEvent))
            {
                await _openEnd.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            if (flowEvent is not ConversationChangedEvent { Before.State: ConversationState.Offline, After.State: ConversationState.Assigned } placed)
            {
                return;
            }

            _seen.Enqueue(placed.ConversationId);
            if (_seen.Count >= _expected)
            {
                _all.TrySetResult();
            }

            if (FirstHeld.TrySetResult())
            {
                await _open.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        private bool IsHeldEnd(FlowEvent flowEvent)
            => flowEvent is ConversationChangedEvent { After.State: ConversationState.Ended } ended && ended.ConversationId == _endHeld;
    }

    [Fact]
    public async Task Unload_DropsTheRoutersTimerSets_SoReloadingAWorkspaceDoesNotGrowTheEnginesList()
    {
        var router = _harness.Services.GetRequiredService<Router>();
        var work = _harness.Services.GetRequiredService<BackgroundWork>();
        await router.ForWorkspaceAsync(Ws, default);
        var loaded = work.TimerSets;

        for (var i = 0; i < 50; i++)
        {
            router.Unload(Ws);
            await router.ForWorkspaceAsync(Ws, default);
        }

        work.TimerSets.Should().Be(loaded, "an unloaded router's timers are disposed and no longer tracked (an Orleans router grain unloads on deactivation)");
    }

    private ValueTask<WorkspaceRouter> RouterAsync() => _harness.Services.GetRequiredService<Router>().ForWorkspaceAsync(Ws, default);

    /// <summary>Counts the calls made to the conversation store, by method.</summary>
    private sealed class CountingStore
    {
        private readonly ConcurrentDictionary<string, int> _calls = new();
        private readonly ConcurrentQueue<ConversationId> _committed = new();

        public IConversationStore Wrap(IConversationStore inner)
        {
            var proxy = DispatchProxy.Create<IConversationStore, Counting>();
            ((Counting)(object)proxy).Init(inner, this);
            return proxy;
        }

        private int _failNextCommit;

        public int Count(string method) => _calls.GetValueOrDefault(method);

        /// <summary>The next commit fails as a store that does not answer does, acknowledging nothing.</summary>
        public void FailNextCommit() => Volatile.Write(ref _failNextCommit, 1);

        /// <summary>The conversations of every commit made, in the order they were made.</summary>
        public IReadOnlyList<ConversationId> Committed => [.. _committed];

        public void Reset()
        {
            _calls.Clear();
            _committed.Clear();
        }

        private void Called(string method) => _calls.AddOrUpdate(method, 1, (_, n) => n + 1);

        /// <summary>The proxy: unsealed, public, with a parameterless constructor, as <see cref="DispatchProxy"/> derives from it.</summary>
#pragma warning disable CA1852 // DispatchProxy generates a subtype at run time.
        public class Counting : DispatchProxy
#pragma warning restore CA1852
        {
            private IConversationStore _inner = null!;
            private CountingStore _owner = null!;

            internal void Init(IConversationStore inner, CountingStore owner) => (_inner, _owner) = (inner, owner);

            protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
            {
                _owner.Called(targetMethod!.Name);
                if (args is [ConversationCommit commit, ..])
                {
                    if (Interlocked.Exchange(ref _owner._failNextCommit, 0) == 1)
                    {
                        throw new StoreUnavailableException(nameof(IConversationStore.CommitAsync), new TimeoutException("the database did not answer"));
                    }

                    _owner._committed.Enqueue(commit.Updated.Id);
                }
                try
                {
                    return targetMethod.Invoke(_inner, args);
                }
                catch (TargetInvocationException ex) when (ex.InnerException is { } inner)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(inner);
                    throw;
                }
            }
        }
    }
}
