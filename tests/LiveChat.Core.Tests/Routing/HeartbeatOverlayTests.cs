using LiveChat.Core.Agents;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Tests.Routing;

/// <summary>
/// R1 with X7: loading a workspace's table reads every agent's heartbeat held outside the store (an agent grain each in
/// a cluster); the reads go out in batches, not one after another.
/// </summary>
public sealed class HeartbeatOverlayTests
{
    private static readonly WorkspaceId Acme = new("acme");
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ListAgentsAsync_ManyAgents_AsksForTheirHeartbeatsConcurrentlyUpToTheBound_InStoreOrder()
    {
        const int Agents = 200;
        var store = new InMemoryLiveChatStore();
        for (var i = 0; i < Agents; i++)
        {
            await store.UpsertAgentAsync(Acme, new AgentRegistration(new AgentId($"a{i:000}"), $"Agent {i}", 1), Now);
        }

        var heartbeats = new GatedHeartbeats(HeartbeatOverlay.Concurrency, Agents);
        var overlay = new HeartbeatOverlay(store, heartbeats);

        var listed = await overlay.ListAgentsAsync(Acme).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        heartbeats.Peak.Should().Be(HeartbeatOverlay.Concurrency, "a full batch is in flight at once, and never more");
        listed.Select(a => a.Id).Should().Equal((await store.ListAgentsAsync(Acme)).Select(a => a.Id), "in the store's order");
        listed.Should().OnlyContain(a => a.LastSeenAt == Now.AddMinutes(1), "each carries the heartbeat held outside the store");
    }

    /// <summary>Heartbeats whose reads wait until <paramref name="batch"/> are in flight (or the last of <paramref name="total"/> started); records the peak.</summary>
    private sealed class GatedHeartbeats(int batch, int total) : IAgentHeartbeats
    {
        private readonly Lock _gate = new();
        private TaskCompletionSource _full = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;
        private int _started;

        public int Peak { get; private set; }

        public async ValueTask<DateTimeOffset?> LastSeenAsync(WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken)
        {
            Task wait;
            lock (_gate)
            {
                _inFlight++;
                _started++;
                Peak = Math.Max(Peak, _inFlight);
                wait = _full.Task;
                if (_inFlight == batch || _started == total)
                {
                    _full.SetResult();
                    _full = new(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            await wait.WaitAsync(cancellationToken);
            lock (_gate)
            {
                _inFlight--;
            }

            return Now.AddMinutes(1);
        }

        public ValueTask<HeartbeatRecorded> RecordAsync(WorkspaceId workspace, AgentId agentId, DateTimeOffset now, CancellationToken cancellationToken)
            => throw new NotSupportedException();

        public ValueTask PersistAsync(WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
