using System.Collections.Concurrent;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Diagnostics;
using LiveChat.Core.Internal;
using LiveChat.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveChat.Core.Routing;

/// <summary>
/// The routing core's entry points (features R1–R8, N1): hears of every change this process stores and hands it to the
/// <see cref="WorkspaceRouter"/> of its workspace, loaded from the store on first use by <see cref="RoutingTableLoader"/>.
/// </summary>
/// <remarks>
/// A thin facade: each workspace router owns its table, lock and timers; the timers and drains run on the engine's
/// <see cref="BackgroundWork"/>. A failed load (the store was down) is not kept: the next call loads again. Thread-safe.
/// </remarks>
internal sealed class Router : IDisposable
{
    private readonly ConcurrentDictionary<WorkspaceId, Lazy<Task<WorkspaceRouter>>> _workspaces = new();
    private readonly RoutingContext _context;
    private readonly RoutingTableLoader _loader;

    public Router(
        ConversationCommands commands,
        IConversationStore conversations,
        IAgentStore agents,
        IAgentHeartbeats heartbeats,
        IDueWorkStore dueWork,
        EventDispatcher events,
        LiveChatMetrics metrics,
        BackgroundWork work,
        IOptions<LiveChatOptions> options,
        ILogger<Router> logger)
    {
        var overlay = HeartbeatOverlay.Over(agents, heartbeats);
        _context = new RoutingContext(commands, conversations, overlay, events, metrics, work, options.Value, logger, dueWork, HeartbeatsStored: overlay == agents);
        _loader = new RoutingTableLoader(_context);
    }

    /// <summary>Whether anyone eligible for <paramref name="target"/> is online, present and has free capacity (feature R2).</summary>
    /// <exception cref="TeamNotFoundException">The team is not defined.</exception>
    /// <exception cref="AgentNotFoundException">The agent is not registered.</exception>
    public async ValueTask<bool> IsAvailableAsync(WorkspaceId workspace, RoutingTarget target, CancellationToken cancellationToken)
    {
        var router = await GetAsync(workspace, cancellationToken).ConfigureAwait(false);
        await ValidateAsync(router, target, cancellationToken).ConfigureAwait(false);
        return router.IsAvailable(target);
    }

    /// <summary>The agents a request for <paramref name="target"/> goes to now (features R4, R5): those a waiting request alerts.</summary>
    public async ValueTask<IReadOnlyList<AgentId>> AvailableForAsync(WorkspaceId workspace, RoutingTarget target, CancellationToken cancellationToken)
        => (await GetAsync(workspace, cancellationToken).ConfigureAwait(false)).AvailableFor(target);

    /// <summary>Checks that the target's team and agent exist.</summary>
    /// <exception cref="TeamNotFoundException">The team is not defined.</exception>
    /// <exception cref="AgentNotFoundException">The agent is not registered.</exception>
    public async ValueTask ValidateAsync(WorkspaceId workspace, RoutingTarget target, CancellationToken cancellationToken)
        => await ValidateAsync(await GetAsync(workspace, cancellationToken).ConfigureAwait(false), target, cancellationToken).ConfigureAwait(false);

    /// <summary>A team was defined or changed in the store.</summary>
    public async ValueTask TeamDefinedAsync(WorkspaceId workspace, Team team, CancellationToken cancellationToken)
        => await (await GetAsync(workspace, cancellationToken).ConfigureAwait(false)).TeamDefinedAsync(team, cancellationToken).ConfigureAwait(false);

    /// <summary>An agent was registered, changed status or sent a heartbeat; <paramref name="agent"/> is the stored record.</summary>
    public async ValueTask AgentChangedAsync(Agent agent, CancellationToken cancellationToken)
        => await (await GetAsync(agent.Workspace, cancellationToken).ConfigureAwait(false)).AgentChangedAsync(agent, cancellationToken).ConfigureAwait(false);

    /// <summary>An offer's due item came due: the workspace's router ends the conversation's offer if its lease has run out (see <see cref="WorkspaceRouter.ExpireDueOfferAsync"/>).</summary>
    public async ValueTask<DateTimeOffset?> OfferDueAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
        => await (await GetAsync(workspace, cancellationToken).ConfigureAwait(false)).ExpireDueOfferAsync(conversationId, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// A change of a conversation was stored by this process: keep loads, offers and the backlog in step, notify agents
    /// (feature N1), and route whatever the change made possible.
    /// </summary>
    public async ValueTask ObserveAsync(Conversation before, Conversation after, CancellationToken cancellationToken)
    {
        if (before.State == after.State && before.AssignedAgentId == after.AssignedAgentId && before.Routing == after.Routing)
        {
            // Nothing routing decides on moved; a waiting conversation's backlog entry keeps the newer snapshot.
            if (WorkspaceRouter.IsWaiting(after) && Loaded(after.Workspace) is { } waiting)
            {
                waiting.Remember(after);
            }

            return;
        }

        var router = await GetAsync(after.Workspace, cancellationToken).ConfigureAwait(false);
        await router.ObserveAsync(before, after, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether <see cref="MessagePostedAsync"/> has anything to do for this message on this snapshot: a waiting request's
    /// backlog entry to refresh, or an owner to tell (feature N1). Decided on the event alone, so it never changes later.
    /// </summary>
    public static bool ActsOnMessage(Conversation conversation, ChatMessage message)
        => WorkspaceRouter.IsWaiting(conversation) || AgentNotifier.TellsOwner(conversation, message);

    /// <summary>A message was stored: the owner of the conversation hears of the visitor's new message (feature N1).</summary>
    public ValueTask MessagePostedAsync(Conversation conversation, ChatMessage message, CancellationToken cancellationToken)
    {
        if (WorkspaceRouter.IsWaiting(conversation) && Loaded(conversation.Workspace) is { } router)
        {
            // The post moved the stored version past the backlog's snapshot.
            router.Forget(conversation.Id);
        }

        return AgentNotifier.NewMessage(conversation, message) is { } notification
            ? _context.Events.PublishAsync(notification, cancellationToken)
            : ValueTask.CompletedTask;
    }

    /// <summary>The workspace's router, loaded from the store on first use. For tests and diagnostics.</summary>
    public ValueTask<WorkspaceRouter> ForWorkspaceAsync(WorkspaceId workspace, CancellationToken cancellationToken) => GetAsync(workspace, cancellationToken);

    /// <summary>How many workspaces' routing tables this process has loaded or is loading. For tests and diagnostics.</summary>
    public int LoadedWorkspaces => _workspaces.Count;

    /// <summary>Completes once the background work started so far (drains, timer work) has finished. For tests.</summary>
    public Task WhenIdleAsync() => _context.Work.WhenIdleAsync();

    /// <summary>Drops the workspace's router, stopping its timers; the next call loads it again. Does nothing when it is not loaded.</summary>
    public void Unload(WorkspaceId workspace)
    {
        if (_workspaces.TryRemove(workspace, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
        {
            lazy.Value.Result.Dispose();
        }
    }

    /// <summary>Stops every timer (presence, offer leases, requeue grace). The container calls it when the host stops.</summary>
    public void Dispose()
    {
        foreach (var lazy in _workspaces.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                lazy.Value.Result.Dispose();
            }
        }
    }

    /// <summary>The workspace's router if it is loaded, else <see langword="null"/> (nothing to keep in step yet).</summary>
    private WorkspaceRouter? Loaded(WorkspaceId workspace)
        => _workspaces.TryGetValue(workspace, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully ? lazy.Value.Result : null;

    private async ValueTask ValidateAsync(WorkspaceRouter router, RoutingTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var (hasTeam, hasAgent) = router.Knows(target);
        if (!hasTeam)
        {
            throw new TeamNotFoundException(router.Workspace, target.Team!.Value);
        }

        if (!hasAgent && await _context.Agents.FindAgentAsync(router.Workspace, target.Agent!.Value, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new AgentNotFoundException(router.Workspace, target.Agent!.Value);
        }
    }

    private ValueTask<WorkspaceRouter> GetAsync(WorkspaceId workspace, CancellationToken cancellationToken)
        => !cancellationToken.IsCancellationRequested && _workspaces.TryGetValue(workspace, out var loaded) && loaded.IsValueCreated && loaded.Value.IsCompletedSuccessfully
            ? new ValueTask<WorkspaceRouter>(loaded.Value.Result)
            : LoadAsync(workspace, cancellationToken);

    private async ValueTask<WorkspaceRouter> LoadAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var lazy = _workspaces.GetOrAdd(workspace, static (w, self) => new Lazy<Task<WorkspaceRouter>>(() => self._loader.LoadAsync(w, self._context.Work.Stopping)), this);
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            // A failed load (the store was down) is not cached: the next call tries again.
            _workspaces.TryRemove(new KeyValuePair<WorkspaceId, Lazy<Task<WorkspaceRouter>>>(workspace, lazy));
            throw;
        }
    }
}
