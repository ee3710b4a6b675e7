using LiveChat.Core;
using LiveChat.Core.Agents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveChat.AspNetCore.Internal;

/// <summary>
/// Presence from connections (feature W5): every tab or device of an agent is one connection; while at least one is open
/// the hub records a heartbeat every <see cref="LiveChatAspNetCoreOptions.HeartbeatInterval"/> through the engine's
/// presence API. When the last one closes the heartbeats stop, and the engine's presence timeout is the grace period
/// after which the agent gets no new chat and their open chats follow its requeue policy.
/// </summary>
/// <remarks>Thread-safe: counts and timers change under one small lock; heartbeats run after it is released.</remarks>
internal sealed class AgentPresence(LiveChatEngine engine, TimeProvider time, IOptions<LiveChatAspNetCoreOptions> options, ILogger<AgentPresence> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(WorkspaceId, AgentId), Entry> _agents = [];

    /// <summary>How many connections <paramref name="agentId"/> has open.</summary>
    public int Connections(WorkspaceId workspace, AgentId agentId)
    {
        lock (_gate)
        {
            return _agents.TryGetValue((workspace, agentId), out var entry) ? entry.Count : 0;
        }
    }

    public async Task ConnectedAsync(WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_agents.TryGetValue((workspace, agentId), out var entry))
            {
                var interval = options.Value.HeartbeatInterval;
                entry = new Entry(time.CreateTimer(static s => ((Beat)s!).Fire(), new Beat(this, workspace, agentId), interval, interval));
                _agents[(workspace, agentId)] = entry;
            }

            entry.Count++;
        }

        await engine.Agents.HeartbeatAsync(workspace, agentId, cancellationToken).ConfigureAwait(false);
    }

    public void Disconnected(WorkspaceId workspace, AgentId agentId)
    {
        lock (_gate)
        {
            if (_agents.TryGetValue((workspace, agentId), out var entry) && --entry.Count == 0)
            {
                entry.Timer.Dispose();
                _agents.Remove((workspace, agentId));
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var entry in _agents.Values)
            {
                entry.Timer.Dispose();
            }

            _agents.Clear();
        }
    }

    private async Task BeatAsync(WorkspaceId workspace, AgentId agentId)
    {
        try
        {
            await engine.Agents.HeartbeatAsync(workspace, agentId).ConfigureAwait(false);
        }
        catch (Exception e) when (LiveChatException.CategoryOf(e) is not null)
        {
            Log.HeartbeatFailed(logger, e, agentId.Value);
        }
    }

    private sealed class Entry(ITimer timer)
    {
        public ITimer Timer { get; } = timer;

        public int Count { get; set; }
    }

    private sealed record Beat(AgentPresence Presence, WorkspaceId Workspace, AgentId AgentId)
    {
        public void Fire() => _ = Presence.BeatAsync(Workspace, AgentId);
    }
}
