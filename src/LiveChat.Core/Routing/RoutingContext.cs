using LiveChat.Core.Diagnostics;
using LiveChat.Core.Internal;
using LiveChat.Core.Storage;
using Microsoft.Extensions.Logging;

namespace LiveChat.Core.Routing;

/// <summary>
/// What every part of routing shares: the write path, the stores it reads, the event fan-out, metrics, the background
/// work its timers and drains run on (with the clock), the options and the log. Immutable; thread-safe as its parts are.
/// </summary>
/// <param name="Commands">The write path routing commits its decisions through.</param>
/// <param name="Conversations">The conversation store, read when a workspace's table is loaded and to requeue.</param>
/// <param name="Agents">The agent store, read to confirm the table.</param>
/// <param name="Events">The event fan-out agent notifications go through (feature N1).</param>
/// <param name="Metrics">Routing metrics.</param>
/// <param name="Work">Timers, drains and their clock.</param>
/// <param name="Options">The engine's options; routing reads <see cref="LiveChatOptions.Routing"/> and the bot's name.</param>
/// <param name="Logger">The log.</param>
/// <param name="DueWork">
/// Where an offer's expiry is recorded before the offer is committed (feature R7), and each agent's presence and requeue
/// look (see <see cref="DurablePresence"/>), so a restarted process (or, in a cluster, a survivor) finds the workspaces
/// whose agents it must look at again.
/// </param>
/// <param name="HeartbeatsStored">
/// Whether every heartbeat is written to the store (the default), so a stored agent's <c>LastSeenAt</c> tells when they
/// went silent; <see langword="false"/> when heartbeats are held outside it (an agent grain), where the stored one may be
/// far older than the last heartbeat the agent sent.
/// </param>
internal sealed record RoutingContext(
    ConversationCommands Commands,
    IConversationStore Conversations,
    IAgentStore Agents,
    EventDispatcher Events,
    LiveChatMetrics Metrics,
    BackgroundWork Work,
    LiveChatOptions Options,
    ILogger Logger,
    IDueWorkStore DueWork,
    bool HeartbeatsStored)
{
    /// <summary>The routing options.</summary>
    public RoutingOptions Routing => Options.Routing;

    /// <summary>The clock of every routing timer.</summary>
    public TimeProvider Time => Work.Time;

    /// <summary>
    /// Whether requests wait for a claim instead of being placed: Alert mode or the Manual strategy. The eligible
    /// available agents are told of each new one either way, and so is every agent who becomes eligible while it waits.
    /// </summary>
    public bool RequestsWait => Routing.Mode == RoutingMode.Alert || Routing.Strategy.BuiltIn == BuiltInStrategy.Manual;
}
