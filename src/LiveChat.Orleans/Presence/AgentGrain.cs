using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using Microsoft.Extensions.Options;

namespace LiveChat.Orleans.Presence;

/// <summary>
/// One agent's presence, in memory (features R1, W5, X7; issue 18). Every server that holds one of the agent's
/// connections sends its heartbeats here, so the agent is present while any server does. The store is written only
/// when presence changes: once when the agent becomes present, and once, with the last heartbeat, when the presence
/// timeout (the grace) passes without one; routing hears of exactly those two changes. The one other write is on demand:
/// before the agent is made an owner (the store checks the owner's heartbeat in that commit), the last heartbeat is
/// written if the store's is older (<see cref="PersistAsync"/>). Between them routing reads
/// the last heartbeat from here (<see cref="LastSeenAsync"/>, through the core's <see cref="IAgentHeartbeats"/>).
/// </summary>
/// <remarks>
/// The grace timer runs on the engine's clock. If this grain's silo dies, the next heartbeat activates it elsewhere and
/// writes the store again; the router's own presence timer, which reads the store, is the backstop meanwhile.
/// </remarks>
internal sealed class AgentGrain(IAgentStore store, IRoutingPort routing, TimeProvider time, IOptions<LiveChatOptions> options) : Grain, IAgentGrain
{
    private readonly TimeSpan _timeout = options.Value.Routing.PresenceTimeout;
    private DateTimeOffset? _lastSeen;
    private DateTimeOffset? _stored;
    private bool _present;
    private ITimer? _grace;

    /// <summary>The grain key of an agent: lengths first, so no pair of ids can spell another's key.</summary>
    public static string KeyOf(WorkspaceId workspace, AgentId agentId) => $"{workspace.Value.Length}:{workspace.Value}/{agentId.Value}";

    /// <inheritdoc />
    public async Task<(Agent? Agent, bool BecamePresent)> BeatAsync(DateTimeOffset now)
    {
        var (workspace, agentId) = Parse(this.GetPrimaryKeyString());
        if (await store.FindAgentAsync(workspace, agentId).ConfigureAwait(true) is not { } agent)
        {
            return (null, false);
        }

        _lastSeen = _lastSeen is { } seen && seen > now ? seen : now;
        if (_present)
        {
            return (agent.LastSeenAt >= _lastSeen ? agent : agent with { LastSeenAt = _lastSeen }, false);
        }

        agent = await store.RecordHeartbeatAsync(workspace, agentId, now).ConfigureAwait(true);
        _stored = agent.LastSeenAt;
        _present = true;
        Arm(_timeout);
        return (agent, true);
    }

    /// <inheritdoc />
    public Task<DateTimeOffset?> LastSeenAsync() => Task.FromResult(_lastSeen);

    /// <inheritdoc />
    public async Task PersistAsync()
    {
        if (_lastSeen is not { } seen || _stored >= seen)
        {
            return;
        }

        var (workspace, agentId) = Parse(this.GetPrimaryKeyString());
        _stored = (await store.RecordHeartbeatAsync(workspace, agentId, seen).ConfigureAwait(true)).LastSeenAt;
    }

    /// <inheritdoc />
    public async Task LapseAsync()
    {
        if (!_present || _lastSeen is not { } seen)
        {
            return;
        }

        var left = seen + _timeout - time.GetUtcNow();
        if (left > TimeSpan.Zero)
        {
            Arm(left);
            return;
        }

        _present = false;
        var (workspace, agentId) = Parse(this.GetPrimaryKeyString());
        var agent = await store.RecordHeartbeatAsync(workspace, agentId, seen).ConfigureAwait(true);
        _stored = agent.LastSeenAt;
        await routing.AgentChangedAsync(agent, CancellationToken.None).ConfigureAwait(true);
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _grace?.Dispose();
        return Task.CompletedTask;
    }

    private void Arm(TimeSpan due)
    {
        if (_timeout == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        _grace?.Dispose();
        var self = this.AsReference<IAgentGrain>();
        _grace = time.CreateTimer(static s => _ = ((IAgentGrain)s!).LapseAsync(), self, due, Timeout.InfiniteTimeSpan);
    }

    private static (WorkspaceId Workspace, AgentId AgentId) Parse(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var length = int.Parse(key.AsSpan(0, colon), System.Globalization.CultureInfo.InvariantCulture);
        return (new WorkspaceId(key.Substring(colon + 1, length)), new AgentId(key[(colon + 2 + length)..]));
    }
}
