using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using LiveChat.Core.Storage;
using Xunit.Abstractions;

namespace Issue15b;

/// <summary>
/// Check 2: "A call whose answer depends on a reaction ... may await that one reaction for its own conversation, never
/// the drain of others", and "a visitor post ... returns before a slow subscriber (a publisher that blocks) finishes".
/// Other work is made slow from outside: a host publisher that blocks (ILiveChatEventPublisher), a decorating store
/// registered with the documented UseStore whose commits of other conversations are held, a Wait-mode hub subscriber
/// that never reads, and a large backlog taken by an agent coming online.
/// </summary>
public sealed class OwnReactionOnlyTests(ITestOutputHelper output)
{
    private static readonly WorkspaceId Slow = new("slow-ws");
    private static readonly WorkspaceId Fast = new("fast-ws");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task VisitorPost_Handoff_AndAgentPost_Return_WhileAHostPublisherIsBlocked(bool sqlite)
    {
        var db = Path.Combine(Path.GetTempPath(), $"issue15b-pub-{Guid.NewGuid():N}.db");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = 0;
        var publisher = new RecordingPublisher
        {
            Hook = async (e, ct) =>
            {
                if (e.Workspace == Slow) { Interlocked.Increment(ref held); await gate.Task; }
            },
        };
        await using var chat = Chat.Create(publisher: publisher, sqlitePath: sqlite ? db : null);
        var alice = await chat.AgentAsync(Slow, "alice");
        await chat.AgentAsync(Fast, "fred");

        var (c, token) = await Wait.Within(chat.StartAsync(Slow), "start while the publisher is blocked", 5);
        for (var i = 1; i <= 3; i++)
        {
            await Wait.Within(chat.Visitors.PostAsync(Slow, c.Id, token, $"message {i}", clientMessageId: $"m{i}"), $"visitor post {i} while the publisher is blocked", 5);
        }
        var handoff = await Wait.Within(chat.Visitors.RequestAgentAsync(Slow, c.Id, token, RoutingTarget.Workspace), "handoff while the publisher is blocked", 5);
        handoff.Should().Be(HandoffOutcome.Assigned, "routing is an answer reactor, the publisher is not");
        (await chat.Conversations.GetAsync(Slow, c.Id)).AssignedAgentId.Should().Be(alice);
        await Wait.Within(chat.Conversations.PostAgentMessageAsync(Slow, c.Id, alice, "hello"), "agent post while the publisher is blocked", 5);
        await Wait.UntilAsync(() => Volatile.Read(ref held) >= 1, "the publisher was really holding an event");

        // Another workspace's events still reach the same publisher meanwhile.
        var (f, ftoken) = await chat.StartAsync(Fast);
        await chat.Visitors.PostAsync(Fast, f.Id, ftoken, "hi");
        await Wait.UntilAsync(() => publisher.For(f.Id).OfType<MessagePosted>().Any(), "the other workspace's message was published while the first is blocked");

        gate.SetResult();
        await Wait.UntilAsync(() => publisher.For(c.Id).OfType<MessagePosted>().Count() >= 5, "the held events arrive once released");
        var events = publisher.For(c.Id);
        events[0].Should().BeOfType<ConversationStarted>("the start is the conversation's first event");
        var seqs = events.OfType<MessagePosted>().Select(m => m.Message.Sequence).ToList();
        seqs.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems("each conversation's events in commit order, once each");
    }

    [Fact]
    public async Task OneConversationsBlockedPublisher_DoesNotHoldUpAnotherConversation_OfTheSameWorkspace()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ConversationId? blockedId = null;
        var publisher = new RecordingPublisher
        {
            Hook = async (e, ct) => { if (blockedId is { } b && e.ConversationId == b) await gate.Task; },
        };
        await using var chat = Chat.Create(publisher: publisher);
        await chat.AgentAsync(Slow, "alice", 5);
        var (x, xt) = await chat.StartAsync(Slow);
        blockedId = x.Id;
        await Wait.Within(chat.Visitors.PostAsync(Slow, x.Id, xt, "x1"), "post to the blocked conversation", 5);
        await Wait.Within(chat.Visitors.PostAsync(Slow, x.Id, xt, "x2"), "second post to the blocked conversation", 5);

        var (y, yt) = await chat.StartAsync(Slow);
        await chat.Visitors.PostAsync(Slow, y.Id, yt, "y1");
        var hy = await Wait.Within(chat.Visitors.RequestAgentAsync(Slow, y.Id, yt, RoutingTarget.Workspace), "handoff of the other conversation", 5);
        hy.Should().Be(HandoffOutcome.Assigned);
        await Wait.UntilAsync(() => publisher.For(y.Id).OfType<ConversationStateChanged>().Any(e => e.Conversation.State == ConversationState.Assigned),
            "the other conversation's events reach the publisher while the first conversation's publisher call is blocked",
            seconds: 5);
        gate.SetResult();
        await Wait.UntilAsync(() => publisher.For(x.Id).OfType<MessagePosted>().Count() >= 2, "the held conversation's events arrive after release");
    }

    [Fact]
    public async Task AWaitModeHubSubscriberThatNeverReads_DelaysNoCall()
    {
        await using var chat = Chat.Create(o =>
        {
            o.EventBufferCapacity = 16;
            o.EventBufferFullMode = System.Threading.Channels.BoundedChannelFullMode.Wait;
        });
        await chat.AgentAsync(Slow, "alice", 5);
        var subscription = chat.Engine.Events.Subscribe(Slow); // never read
        try
        {
            var (c, token) = await chat.StartAsync(Slow);
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < 60; i++)
            {
                await Wait.Within(chat.Visitors.PostAsync(Slow, c.Id, token, $"m{i}"), $"post {i} with a stalled Wait-mode subscriber", 5);
            }
            var r = await Wait.Within(chat.Visitors.RequestAgentAsync(Slow, c.Id, token, RoutingTarget.Workspace), "handoff with a stalled subscriber", 5);
            r.Should().Be(HandoffOutcome.Assigned);
            output.WriteLine($"60 posts and a handoff with a stalled subscriber: {sw.ElapsedMilliseconds} ms");
        }
        finally
        {
            await subscription.DisposeAsync();
        }
    }

    /// <summary>A host's decorating store whose commits that assign one of <see cref="Held"/> wait for <see cref="Gate"/>.</summary>
    private sealed class HeldCommits
    {
        public readonly ConcurrentDictionary<ConversationId, bool> Held = new();
        public readonly TaskCompletionSource Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int HeldCount;

        public Task? Before(MethodInfo m, object?[]? args)
        {
            if (m.Name == nameof(IConversationStore.CommitAsync) && args?[0] is ConversationCommit commit
                && Held.ContainsKey(commit.Updated.Id) && commit.Updated.State == ConversationState.Assigned && !Gate.Task.IsCompleted)
            {
                Interlocked.Increment(ref HeldCount);
                return Gate.Task;
            }
            return null;
        }
    }

    private static Chat SlowStoreChat(HeldCommits held) => Chat.Create(builder: b => b.UseStore(sp =>
        GatedStore.Wrap(ActivatorUtilities.CreateInstance<InMemoryLiveChatStore>(sp), held.Before, out _)));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Handoff_Answers_WhileAnotherConversationsPlacement_IsHeldInTheStore(bool sameWorkspace)
    {
        var held = new HeldCommits();
        await using var chat = SlowStoreChat(held);
        var otherWs = sameWorkspace ? Slow : Fast;
        await chat.Agents.DefineTeamAsync(Slow, new Team(new TeamId("bulk"), "Bulk"));
        await chat.Agents.DefineTeamAsync(otherWs, new Team(new TeamId("vip"), "VIP"));
        var bulkAgent = await chat.AgentAsync(Slow, "bulk-agent", 50, online: false, "bulk");
        var vipAgent = await chat.AgentAsync(otherWs, "vip-agent", 5, online: true, "vip");

        var backlog = new List<ConversationId>();
        for (var i = 0; i < 20; i++)
        {
            var (c, _) = await chat.StartAsync(Slow);
            (await chat.Conversations.RequestAgentAsync(Slow, c.Id, RoutingTarget.ToTeam(new TeamId("bulk")))).Outcome.Should().Be(HandoffOutcome.Offline);
            held.Held[c.Id] = true;
            backlog.Add(c.Id);
        }

        // The bulk agent comes online: the backlog drain starts and its first placement commit is held in the store.
        var online = Task.Run(() => chat.Agents.SetStatusAsync(Slow, bulkAgent, AgentStatus.Online).AsTask());
        await Wait.UntilAsync(() => Volatile.Read(ref held.HeldCount) >= 1, "the drain's first placement reached the store and is held");

        var (y, yt) = await chat.StartAsync(otherWs);
        var sw = Stopwatch.StartNew();
        var handoff = chat.Visitors.RequestAgentAsync(otherWs, y.Id, yt, RoutingTarget.ToTeam(new TeamId("vip"))).AsTask();
        var answered = await Task.WhenAny(handoff, Task.Delay(TimeSpan.FromSeconds(5))) == handoff;
        var drainStillHeld = !online.IsCompleted;
        held.Gate.TrySetResult();
        var result = await Wait.Within(handoff, "the handoff, after the others were released", 30);
        var latency = sw.ElapsedMilliseconds;
        await Wait.Within(online, "the bulk agent's SetStatusAsync after release", 30);
        output.WriteLine($"sameWorkspace={sameWorkspace}: answered while held={answered}, latency {latency} ms, drain was still held: {drainStillHeld}");

        drainStillHeld.Should().BeTrue("the scenario needs the other drain in progress while the handoff is asked");
        answered.Should().BeTrue($"issue 15: the handoff may await its own conversation's reaction, never the drain of others; " +
            $"it answered only after the held drain was released ({latency} ms)");
        result.Should().Be(HandoffOutcome.Assigned);
        (await chat.Conversations.GetAsync(otherWs, y.Id)).AssignedAgentId.Should().Be(vipAgent);

        var states = new List<Conversation>();
        foreach (var id in backlog) states.Add(await chat.Conversations.GetAsync(Slow, id));
        states.Should().OnlyContain(c => c.State == ConversationState.Assigned && c.AssignedAgentId == bulkAgent, "the drain finished once released");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LargeBacklogDrain_InProgress_OtherHandoffsStillAnswerCorrectly(bool sqlite)
    {
        var db = Path.Combine(Path.GetTempPath(), $"issue15b-drain-{Guid.NewGuid():N}.db");
        await using var chat = Chat.Create(sqlitePath: sqlite ? db : null);
        await chat.Agents.DefineTeamAsync(Slow, new Team(new TeamId("bulk"), "Bulk"));
        await chat.Agents.DefineTeamAsync(Slow, new Team(new TeamId("vip"), "VIP"));
        const int n = 3000;
        // Capacity is at most 1,000 per agent (AgentRegistration refuses more): three bulk agents take the 3,000.
        var bulkAgents = new[] { await chat.AgentAsync(Slow, "bulk-1", 1000, false, "bulk"), await chat.AgentAsync(Slow, "bulk-2", 1000, false, "bulk"), await chat.AgentAsync(Slow, "bulk-3", 1000, false, "bulk") };
        var vip = new[] { await chat.AgentAsync(Slow, "vip-1", 50, true, "vip"), await chat.AgentAsync(Slow, "vip-2", 50, true, "vip") };
        var backlog = new List<ConversationId>();
        for (var i = 0; i < n; i += 100)
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
            {
                var (c, _) = await chat.StartAsync(Slow);
                var r = await chat.Conversations.RequestAgentAsync(Slow, c.Id, RoutingTarget.ToTeam(new TeamId("bulk")));
                r.Outcome.Should().Be(HandoffOutcome.Offline);
                return c.Id;
            }));
            backlog.AddRange(batch);
        }

        var drainWatch = Stopwatch.StartNew();
        var online = Task.Run(async () =>
        {
            foreach (var b in bulkAgents) await chat.Agents.SetStatusAsync(Slow, b, AgentStatus.Online);
            return drainWatch.ElapsedMilliseconds;
        });
        var latencies = new List<long>();
        var answeredDuringDrain = 0;
        var duringDrain = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            var (y, yt) = await chat.StartAsync(Slow);
            var askedDuringDrain = !online.IsCompleted;
            var sw = Stopwatch.StartNew();
            var r = await Wait.Within(chat.Visitors.RequestAgentAsync(Slow, y.Id, yt, RoutingTarget.ToTeam(new TeamId("vip"))), "vip handoff during the drain", 30);
            latencies.Add(sw.ElapsedMilliseconds);
            if (askedDuringDrain) duringDrain.Add(sw.ElapsedMilliseconds);
            if (!online.IsCompleted) answeredDuringDrain++;
            r.Should().Be(HandoffOutcome.Assigned);
            vip.Should().Contain((await chat.Conversations.GetAsync(Slow, y.Id)).AssignedAgentId!.Value);
        }
        var drainMs = await Wait.Within(online, "the drain of 3,000", 120);
        output.WriteLine($"sqlite={sqlite}: drain of {n}: {drainMs} ms; vip handoffs: {string.Join(", ", latencies)} ms; answered during the drain: {answeredDuringDrain}");
        if (drainMs > 1000)
        {
            duringDrain.Should().NotBeEmpty();
            duringDrain.Should().OnlyContain(ms => ms < 300,
                $"a vip handoff asked while the bulk backlog drains awaits its own placement (a few ms when idle: {string.Join(", ", latencies.Skip(5))}), not the drain of others (issue 15)");
        }

        var assigned = 0;
        foreach (var id in backlog)
        {
            var c = await chat.Conversations.GetAsync(Slow, id);
            if (c.State == ConversationState.Assigned) { bulkAgents.Should().Contain(c.AssignedAgentId!.Value); assigned++; }
        }
        assigned.Should().Be(n, "an agent coming online waits for the whole pass: its caller sees the backlog placed");
        foreach (var b in bulkAgents) (await chat.Agents.GetAsync(Slow, b)).OpenConversations.Should().Be(1000);
    }

    [Fact]
    public async Task Handoff_CancelledWhileItsAnswerWaits_ThrowsPromptly_AndRoutingStillCompletesConsistently()
    {
        var held = new HeldCommits();
        await using var chat = SlowStoreChat(held);
        await chat.Agents.DefineTeamAsync(Slow, new Team(new TeamId("bulk"), "Bulk"));
        await chat.Agents.DefineTeamAsync(Slow, new Team(new TeamId("vip"), "VIP"));
        var bulkAgent = await chat.AgentAsync(Slow, "bulk-agent", 50, online: false, "bulk");
        var vipAgent = await chat.AgentAsync(Slow, "vip-agent", 5, online: true, "vip");
        for (var i = 0; i < 5; i++)
        {
            var (c, _) = await chat.StartAsync(Slow);
            await chat.Conversations.RequestAgentAsync(Slow, c.Id, RoutingTarget.ToTeam(new TeamId("bulk")));
            held.Held[c.Id] = true;
        }
        var online = Task.Run(() => chat.Agents.SetStatusAsync(Slow, bulkAgent, AgentStatus.Online).AsTask());
        await Wait.UntilAsync(() => Volatile.Read(ref held.HeldCount) >= 1, "the other drain is held");

        var (y, _) = await chat.StartAsync(Slow);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var sw = Stopwatch.StartNew();
        Exception? error = null;
        HandoffResult? answer = null;
        try { answer = await Wait.Within(chat.Conversations.RequestAgentAsync(Slow, y.Id, RoutingTarget.ToTeam(new TeamId("vip")), cts.Token), "a cancelled handoff", 10); }
        catch (Exception e) { error = e; }
        var ms = sw.ElapsedMilliseconds;
        held.Gate.TrySetResult();
        await Wait.Within(online, "the other drain after release", 30);
        output.WriteLine($"answer {answer?.Outcome}, error {error?.GetType().Name}, after {ms} ms");

        if (answer is null)
        {
            error.Should().BeAssignableTo<OperationCanceledException>("a cancelled wait ends with OperationCanceledException (\"cancellationToken: Cancels the wait\")");
            ms.Should().BeLessThan(3000, "the cancellation is honoured promptly");
        }
        // Whatever the caller saw, the conversation ends up consistent: placed with the vip agent, or waiting with no owner.
        await Wait.UntilAsync(async () => (await chat.Conversations.GetAsync(Slow, y.Id)).State is ConversationState.Assigned, "y is placed once routing resumes");
        (await chat.Conversations.GetAsync(Slow, y.Id)).AssignedAgentId.Should().Be(vipAgent);
        (await chat.Agents.GetAsync(Slow, vipAgent)).OpenConversations.Should().Be(1);
    }
}
