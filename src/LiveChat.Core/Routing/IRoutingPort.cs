using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.Core.Routing;

/// <summary>
/// The port through which the engine tells routing what it stored and asks it about availability (features R1–R8, N1):
/// the one seam that lets a workspace's routing decisions run in another process, such as a router grain of
/// <c>LiveChat.Orleans</c> (feature X7).
/// </summary>
/// <remarks>
/// <para>
/// The default is <see cref="InProcessRouting"/>: each process routes what it hears about, on its own tables. Another
/// implementation must deliver every call for one workspace to a single decision-maker that runs
/// <see cref="InProcessRouting"/> for it, so the queue, the round-robin turn, the offers and the timers of a workspace
/// live in one place.
/// </para>
/// <para>
/// Calls may come concurrently from any thread; an implementation must be thread-safe. A call completes once routing
/// has acted on it (a handoff's caller sees the assignment the change made possible). Snapshots are the stored values:
/// <c>before</c> and <c>after</c> of one committed change, <c>agent</c> as the store holds it.
/// </para>
/// <para>Internal: the seam is <c>LiveChat.Orleans</c>'s (a router grain per workspace), not a host's.</para>
/// </remarks>
internal interface IRoutingPort
{
    /// <summary>Whether anyone eligible for <paramref name="target"/> is online, present and has free capacity (feature R2).</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="target">The workspace, a team or an agent.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="TeamNotFoundException">The team is not defined.</exception>
    /// <exception cref="AgentNotFoundException">The agent is not registered.</exception>
    ValueTask<bool> IsAvailableAsync(WorkspaceId workspace, RoutingTarget target, CancellationToken cancellationToken);

    /// <summary>
    /// The agents a request for <paramref name="target"/> would be given to now, and so the agents it alerts (features R4,
    /// R5): available agents of the target, else of its fallback team.
    /// </summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="target">The workspace, a team or an agent.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The agents, in no particular order; empty when nobody is available or the target's team is not defined.</returns>
    ValueTask<IReadOnlyList<AgentId>> AvailableForAsync(WorkspaceId workspace, RoutingTarget target, CancellationToken cancellationToken);

    /// <summary>A team was defined or changed in the store (feature R4).</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="team">The stored team.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    ValueTask TeamDefinedAsync(WorkspaceId workspace, Team team, CancellationToken cancellationToken);

    /// <summary>An agent was registered, changed status or sent a heartbeat (features R1, R2); <paramref name="agent"/> is the stored record.</summary>
    /// <param name="agent">The stored agent.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    ValueTask AgentChangedAsync(Agent agent, CancellationToken cancellationToken);

    /// <summary>
    /// A change of a conversation was stored: keep loads, offers and the backlog in step, notify agents (feature N1), and
    /// route whatever the change made possible (features R3–R8).
    /// </summary>
    /// <param name="before">The conversation before the change.</param>
    /// <param name="after">The conversation as committed.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    ValueTask ObserveAsync(Conversation before, Conversation after, CancellationToken cancellationToken);

    /// <summary>A message was stored: the owner of the conversation hears of the visitor's new message (feature N1).</summary>
    /// <param name="conversation">The conversation the message was posted to.</param>
    /// <param name="message">The stored message.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    ValueTask MessagePostedAsync(Conversation conversation, ChatMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// The due item of an offer came due (feature R7): the workspace's router, loading its table if no process had it,
    /// ends the conversation's offer if its lease has run out. The router's own lease timer does the same; this call is
    /// the durable backstop (a router that died with its timers, an expiry whose change failed).
    /// </summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="conversationId">The conversation the offer is for.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>
    /// When the stored offer's lease has not run out by the router's clock (the caller's clock is ahead, or the offer is a
    /// newer one), the instant it runs to: the item is kept until then. Otherwise <see langword="null"/>.
    /// </returns>
    /// <exception cref="StoreUnavailableException">The change could not be stored: the item stays due and is tried again.</exception>
    ValueTask<DateTimeOffset?> OfferDueAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken);
}
