using System.Collections.Immutable;
using LiveChat.Core.Routing;

namespace LiveChat.Core.Agents;

/// <summary>An agent of a workspace. Immutable snapshot; thread-safe.</summary>
public sealed record Agent
{
    /// <summary>The workspace.</summary>
    public required WorkspaceId Workspace { get; init; }

    /// <summary>The agent's id (the host's user id).</summary>
    public required AgentId Id { get; init; }

    /// <summary>The name visitors see once the agent joins a conversation.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The most conversations the agent may own at once, across the whole workspace.</summary>
    public required int MaxConcurrentConversations { get; init; }

    /// <summary>The agent's chosen availability.</summary>
    public AgentStatus Status { get; init; }

    /// <summary>When <see cref="Status"/> last changed.</summary>
    public DateTimeOffset StatusChangedAt { get; init; }

    /// <summary>How many conversations the agent owns now. Maintained by the store as conversations are assigned and end.</summary>
    public int OpenConversations { get; init; }

    /// <summary>The teams the agent belongs to (feature R4).</summary>
    public ImmutableArray<TeamId> Teams { get; init; } = [];

    /// <summary>
    /// The agent's last heartbeat (feature R1), or <see langword="null"/> before the first. Setting the status to online
    /// counts as one. Routing gives conversations only to agents whose last heartbeat is within
    /// <see cref="RoutingOptions.PresenceTimeout"/>.
    /// </summary>
    public DateTimeOffset? LastSeenAt { get; init; }

    /// <summary>
    /// Whether the agent's chosen status and load let them take one more conversation: online with free capacity
    /// (feature R2). Routing also requires a live heartbeat; ask <see cref="AgentService.IsAvailableAsync"/> for that.
    /// </summary>
    public bool IsAvailable => Status == AgentStatus.Online && OpenConversations < MaxConcurrentConversations;

    /// <summary>Whether the agent's last heartbeat is recent enough at <paramref name="now"/> (feature R1).</summary>
    /// <param name="now">The instant to judge at.</param>
    /// <param name="presenceTimeout">How long a heartbeat lasts; <see cref="Timeout.InfiniteTimeSpan"/> for always.</param>
    public bool IsPresentAt(DateTimeOffset now, TimeSpan presenceTimeout)
        => presenceTimeout == Timeout.InfiniteTimeSpan || (LastSeenAt is { } seen && now - seen < presenceTimeout);
}
