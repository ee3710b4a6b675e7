using LiveChat.Core.Agents;

namespace LiveChat.Core.Routing;

/// <summary>
/// One agent as routing sees them: a row of the <see cref="RoutingTable"/>, a cache of the stored agent plus the seats
/// this process holds. Not thread-safe: used under its <see cref="WorkspaceRouter"/>'s lock.
/// </summary>
internal sealed class AgentSlot(AgentId id, int ordinal)
{
    public AgentId Id { get; } = id;

    public int Ordinal { get; } = ordinal;

    public string DisplayName { get; set; } = string.Empty;

    public AgentStatus Status { get; set; }

    public bool Present { get; set; }

    /// <summary>Conversations the agent owns, as far as this process has seen.</summary>
    public int Open { get; set; }

    /// <summary>Seats held by decisions being committed and by live offers.</summary>
    public int Held { get; set; }

    public int Capacity { get; set; }

    public int Load => Open + Held;

    public long IdleSinceTicks { get; set; }

    public long Version { get; set; }

    public TeamId[] Teams { get; set; } = [];

    public List<(AgentPool Pool, int Member)> Memberships { get; } = [];

    public bool WasRoutable { get; set; }

    public bool Routable => Status == AgentStatus.Online && Present && Load < Capacity;

    /// <summary>Reads of the agent from the store started, and the latest started one applied (see <see cref="WorkspaceRouter"/>).</summary>
    public long ReadsStarted { get; set; }

    /// <inheritdoc cref="ReadsStarted"/>
    public long ReadApplied { get; set; }

    /// <summary>The last heartbeat this process knows, in UTC ticks.</summary>
    public long LastSeenTicks { get; set; }

    /// <summary>When the agent's running requeue grace ends, in UTC ticks; 0 when none runs (see <see cref="AbsentAgentRequeue"/>).</summary>
    public long RequeueAtTicks { get; set; }
}
