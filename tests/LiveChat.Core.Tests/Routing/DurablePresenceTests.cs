using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using LiveChat.Core.Testing;
using LiveChat.Core.Tests.Scenarios;
using LiveChat.Core.Tests.Scenarios.Playbooks;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Routing;

/// <summary>
/// R1 and R6 on the default path (one process, heartbeats written to the store): the durable presence grace a cluster
/// records (<see cref="DueWorkKind.PresenceGrace"/>, X7) changes nothing here. Not compiled into the cluster's tests, whose
/// heartbeats are held by agent grains.
/// </summary>
public sealed class DurablePresenceTests
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Heartbeats_DefaultPath_OneAgentStoreWriteEach_AndPresenceDueWorkAboutOncePerTimeout_NotPerBeat()
    {
        // Heartbeats written to the store (one process) record the agent's next look as due work too, so a process that
        // starts knows which workspaces have agents to look at again (issue 15: the presence grace is recoverable from
        // the store after a restart). Its writes follow the presence timeout, never the heartbeats.
        const int Beats = 12;
        var dueWork = new CountingDueWorkStore();
        CountingAgentStore? agents = null;
        await using var h = new LiveChatHarness(
            o => o.Routing.RequeueAfter = TimeSpan.FromSeconds(30),
            s => s.AddSingleton<IDueWorkStore>(dueWork).AddSingleton<IAgentStore>(sp => agents ??= new CountingAgentStore(sp.GetRequiredService<InMemoryLiveChatStore>())));
        var alice = await h.OnlineAgentAsync("alice");
        await h.Chat.Agents.HeartbeatAsync(h.Workspace, alice);
        var mine = await h.AssignedToAsync(alice);
        var before = agents!.HeartbeatWrites;
        var recorded = dueWork.Writes(DueWorkKind.PresenceGrace);
        (await dueWork.FindAsync(h.Workspace, alice.Value, DueWorkKind.PresenceGrace)).Should().NotBeNull("the agent's next look is recorded once they are present");

        for (var i = 0; i < Beats; i++)
        {
            await h.AdvanceAsync(Heartbeat);
            await h.Chat.Agents.HeartbeatAsync(h.Workspace, alice);
        }

        agents.HeartbeatWrites.Should().Be(before + Beats, "each heartbeat is written to the store, as before");
        var timeouts = (int)(Beats * Heartbeat / new LiveChat.Core.Routing.RoutingOptions().PresenceTimeout);
        (dueWork.Writes(DueWorkKind.PresenceGrace) - recorded).Should().BeLessThanOrEqualTo(timeouts + 1, "the item moves about once per presence timeout, not per heartbeat");

        await h.AdvanceAsync(TimeSpan.FromSeconds(61));
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));

        (await h.Chat.Conversations.GetAsync(h.Workspace, mine.Conversation.Id)).State.Should().Be(ConversationState.Unassigned, "the lapse and the requeue run on this process's timers");
        // The requeue's own change refreshes the gone agent, so their item lives one more grace (docs/scale-out.md), then goes.
        await h.AdvanceAsync(TimeSpan.FromSeconds(31));
        (await dueWork.FindAsync(h.Workspace, alice.Value, DueWorkKind.PresenceGrace)).Should().BeNull("nothing is left to look at once the agent's conversations are requeued");
    }

    private static readonly WorkspaceId Acme = new("acme");
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ApplyAsync_TwoDecisionsAppliedInTheOtherOrder_LeavesTheStoreWithTheLaterOne()
    {
        // The router decides under its lock and writes off it: a requeue's removal (decided second) may reach the store
        // before the refresh's move (decided first). Before, the store then kept an item the router had given up.
        var store = new InMemoryDueWorkStore();
        var presence = new DurablePresence(store, Acme, new RoutingOptions { PresenceTimeout = TimeSpan.FromSeconds(60) });
        var alice = Present("alice");

        var moved = presence.Track(alice, requeueArmed: false, Now);
        var removed = presence.Done(alice.Id);
        await presence.ApplyAsync(removed, CancellationToken.None);
        await presence.ApplyAsync(moved, CancellationToken.None);

        moved.Should().NotBeNull();
        removed.Should().NotBeNull();
        (await store.FindAsync(Acme, "alice", DueWorkKind.PresenceGrace)).Should().BeNull("the later decision removed the item");
    }

    [Fact]
    public async Task ApplyAsync_AWriteThatFailed_IsMadeAgainAtTheAgentsNextDecision()
    {
        var store = new FailingOnceDueWorkStore();
        var presence = new DurablePresence(store, Acme, new RoutingOptions { PresenceTimeout = TimeSpan.FromSeconds(60) });
        var alice = Present("alice");

        var first = presence.Track(alice, requeueArmed: false, Now);
        await presence.Invoking(p => p.ApplyAsync(first, CancellationToken.None).AsTask()).Should().ThrowAsync<StoreUnavailableException>();
        var again = presence.Track(alice, requeueArmed: false, Now.AddSeconds(20));
        await presence.ApplyAsync(again, CancellationToken.None);

        again.Should().NotBeNull("the failed write is not taken for written");
        (await store.FindAsync(Acme, "alice", DueWorkKind.PresenceGrace))!.DueAt.Should().Be(Now.AddSeconds(60));
    }

    private static AgentSlot Present(string id) => new(new AgentId(id), 0)
    {
        Status = AgentStatus.Online, Present = true, Capacity = 2, LastSeenTicks = Now.UtcTicks,
    };

    /// <summary>The in-memory due-work store, except that its first schedule fails as a database that went away would.</summary>
    private sealed class FailingOnceDueWorkStore : IDueWorkStore
    {
        private readonly InMemoryDueWorkStore _inner = new();
        private int _failures = 1;

        public ValueTask<DueWork> ScheduleAsync(DueWork work, CancellationToken cancellationToken = default)
            => Interlocked.Decrement(ref _failures) >= 0
                ? throw new StoreUnavailableException("schedule", new TimeoutException("no answer"))
                : _inner.ScheduleAsync(work, cancellationToken);

        public ValueTask<bool> CancelAsync(WorkspaceId workspace, string subject, DueWorkKind kind, CancellationToken cancellationToken = default)
            => _inner.CancelAsync(workspace, subject, kind, cancellationToken);

        public ValueTask<DueWork?> FindAsync(WorkspaceId workspace, string subject, DueWorkKind kind, CancellationToken cancellationToken = default)
            => _inner.FindAsync(workspace, subject, kind, cancellationToken);

        public ValueTask<IReadOnlyList<DueWork>> ListDueAsync(DateTimeOffset dueBy, int limit, DueWorkPartition partition = default, CancellationToken cancellationToken = default)
            => _inner.ListDueAsync(dueBy, limit, partition, cancellationToken);

        public ValueTask<bool> TryCompleteAsync(DueWork work, CancellationToken cancellationToken = default)
            => _inner.TryCompleteAsync(work, cancellationToken);
    }
}
