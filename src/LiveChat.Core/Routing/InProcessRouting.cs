using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.Core.Routing;

/// <summary>
/// Routing in this process (features R1–R8, N1): the default <see cref="IRoutingPort"/>, and what a distributed port
/// runs where a workspace's single decision-maker lives (feature X7). Each workspace's table is loaded from the store
/// on first use.
/// </summary>
/// <remarks>
/// The decision code (routing table, strategies, offer leases, presence and requeue timers) is the core's; this type
/// only exposes it. Thread-safe.
/// </remarks>
internal sealed class InProcessRouting : IRoutingPort
{
    private readonly Router _router;

    internal InProcessRouting(Router router) => _router = router;

    /// <inheritdoc />
    public ValueTask<bool> IsAvailableAsync(WorkspaceId workspace, RoutingTarget target, CancellationToken cancellationToken)
        => _router.IsAvailableAsync(workspace, target, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<AgentId>> AvailableForAsync(WorkspaceId workspace, RoutingTarget target, CancellationToken cancellationToken)
        => _router.AvailableForAsync(workspace, target, cancellationToken);

    /// <inheritdoc />
    public ValueTask TeamDefinedAsync(WorkspaceId workspace, Team team, CancellationToken cancellationToken)
        => _router.TeamDefinedAsync(workspace, team, cancellationToken);

    /// <inheritdoc />
    public ValueTask AgentChangedAsync(Agent agent, CancellationToken cancellationToken) => _router.AgentChangedAsync(agent, cancellationToken);

    /// <inheritdoc />
    public ValueTask ObserveAsync(Conversation before, Conversation after, CancellationToken cancellationToken)
        => _router.ObserveAsync(before, after, cancellationToken);

    /// <inheritdoc />
    public ValueTask MessagePostedAsync(Conversation conversation, ChatMessage message, CancellationToken cancellationToken)
        => _router.MessagePostedAsync(conversation, message, cancellationToken);

    /// <inheritdoc />
    public ValueTask<DateTimeOffset?> OfferDueAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
        => _router.OfferDueAsync(workspace, conversationId, cancellationToken);

    /// <summary>
    /// Stops routing <paramref name="workspace"/> here: its timers stop and its table is dropped, so that another
    /// process can take the workspace over; a later call loads it again from the store. Does nothing when it is not loaded.
    /// </summary>
    /// <param name="workspace">The workspace.</param>
    public void Unload(WorkspaceId workspace) => _router.Unload(workspace);

    /// <summary>Completes once the routing work started so far here (drains, timer work) has finished.</summary>
    public Task WhenIdleAsync() => _router.WhenIdleAsync();
}
