using LiveChat.Core.Agents;
using Orleans.Concurrency;

namespace LiveChat.Orleans.Presence;

/// <summary>
/// One agent's presence for the whole cluster (features R1, W5, X7), keyed by <see cref="AgentGrain.KeyOf"/>: the
/// heartbeats every server sends while it holds one of the agent's connections, kept in memory.
/// </summary>
[Alias("livechat.agent")]
internal interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>A heartbeat at <paramref name="now"/>.</summary>
    /// <returns>The agent (null when not registered) and whether the agent just became present.</returns>
    [Alias("beat")]
    Task<(Agent? Agent, bool BecamePresent)> BeatAsync(DateTimeOffset now);

    /// <summary>The last heartbeat, if one reached this activation. Interleaves: routing asks it while a lapse waits on routing.</summary>
    [Alias("lastSeen")]
    [AlwaysInterleave]
    Task<DateTimeOffset?> LastSeenAsync();

    /// <summary>
    /// Writes the last heartbeat to the store if the store's is older (an assignment is about to check it there).
    /// Interleaves: the assignment may be part of a routing pass a lapse of this grain waits on.
    /// </summary>
    [Alias("persist")]
    [AlwaysInterleave]
    Task PersistAsync();

    /// <summary>The grace timer fired: if no heartbeat came within the presence timeout, the agent is absent.</summary>
    [Alias("lapse")]
    Task LapseAsync();
}
