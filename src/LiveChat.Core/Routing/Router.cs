using System.Collections.Concurrent;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Diagnostics;
using LiveChat.Core.Internal;
using LiveChat.Core.Storage;
using LiveChat.Core.Texts;
using LiveChat.Core.Transport;
using Microsoft.Extensions.Logging;

namespace LiveChat.Core.Routing;

/// <summary>
/// The routing core (features R1–R8, N1): keeps a <see cref="RoutingTable"/> per workspace in step with every change
/// this process stores, and assigns or offers queued conversations the moment something changes, with no polling.
/// </summary>
/// <remarks>
/// <para>
/// Every routing step is a pure decision on the table followed by one atomic apply: the table holds the agent's seat,
/// then the conversation is committed with an optimistic version check, and the store re-checks the agent's status,
/// heartbeat and capacity in the same transaction. A refused commit releases the seat, refreshes the agent from the
/// store and routes the conversation again.
/// </para>
/// <para>
/// Routing is event-driven: a new request, a freed seat, an agent coming online or back to life, and an offer expiring
/// each start a drain of the backlog, oldest first. One drain runs per workspace at a time; an event that arrives
/// while it runs makes it go round once more, so nothing is missed. Timers (presence, offer leases, requeue grace) come
/// from <see cref="TimeProvider"/>. Thread-safe.
/// </para>
/// </remarks>
internal sealed partial class Router : IDisposable
{
    private const int DrainBatch = 256;

    /// <summary>Set while this flow commits the drain's own decisions: their agents are refreshed once per batch, not per commit.</summary>
    private static readonly AsyncLocal<List<AgentId>?> DrainRefreshes = new();

    private readonly ConcurrentDictionary<WorkspaceId, Lazy<Task<WorkspaceRouting>>> _workspaces = new();
    private readonly ConcurrentDictionary<Task, byte> _background = new();
    private readonly ConversationCommands _commands;
    private readonly IAgentStore _agents;
    private readonly EventDispatcher _events;
    private readonly LiveChatMetrics _metrics;
    private readonly RoutingOptions _options;
    private readonly ILogger<Router> _logger;

    public Router(ConversationCommands commands, IAgentStore agents, EventDispatcher events, LiveChatMetrics metrics, ILogger<Router> logger)
    {
        _commands = commands;
        _agents = agents;
        _events = events;
        _metrics = metrics;
        _options = commands.Options.Routing;
        _logger = logger;
    }

    private TimeProvider Time => _commands.Time;

    /// <summary>Whether anyone eligible for <paramref name="target"/> is online, present and has free capacity (feature R2).</summary>
    public async ValueTask<bool> IsAvailableAsync(WorkspaceId workspace, RoutingTarget target, CancellationToken cancellationToken)
    {
        var routing = await GetAsync(workspace, cancellationToken).ConfigureAwait(false);
        await ValidateAsync(routing, workspace, target, cancellationToken).ConfigureAwait(false);
        lock (routing.Table.Gate)
        {
            return routing.Table.HasAvailable(target);
        }
    }

    /// <summary>Checks that the target's team and agent exist.</summary>
    /// <exception cref="TeamNotFoundException">The team is not defined.</exception>
    /// <exception cref="AgentNotFoundException">The agent is not registered.</exception>
    public async ValueTask ValidateAsync(WorkspaceId workspace, RoutingTarget target, CancellationToken cancellationToken)
        => await ValidateAsync(await GetAsync(workspace, cancellationToken).ConfigureAwait(false), workspace, target, cancellationToken).ConfigureAwait(false);

    /// <summary>A team was defined or changed in the store.</summary>
    public async ValueTask TeamDefinedAsync(WorkspaceId workspace, Team team, CancellationToken cancellationToken)
    {
        var routing = await GetAsync(workspace, cancellationToken).ConfigureAwait(false);
        lock (routing.Table.Gate)
        {
            routing.Table.DefineTeam(team);
        }

        await DrainAsync(routing, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An agent was registered, changed status or sent a heartbeat; <paramref name="agent"/> is the stored record.</summary>
    public async ValueTask AgentChangedAsync(Agent agent, CancellationToken cancellationToken)
    {
        var routing = await GetAsync(agent.Workspace, cancellationToken).ConfigureAwait(false);
        lock (routing.Table.Gate)
        {
            if (routing.Table.Find(agent.Id) == RoutingTable.NoAgent)
            {
                routing.Table.Upsert(agent, agent.IsPresentAt(Time.GetUtcNow(), _options.PresenceTimeout), Time.GetUtcNow().UtcTicks);
            }
        }

        // The snapshot may be older than one a concurrent call already applied: read the agent again, in ticket order.
        await RefreshAsync(routing, [agent.Id], cancellationToken).ConfigureAwait(false);
        await DrainAsync(routing, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A change of a conversation was stored by this process: keep loads, offers and the backlog in step, notify agents
    /// (feature N1), and route whatever the change made possible.
    /// </summary>
    public async ValueTask ObserveAsync(Conversation before, Conversation after, CancellationToken cancellationToken)
    {
        if (before.State == after.State && before.AssignedAgentId == after.AssignedAgentId && before.Routing == after.Routing)
        {
            return;
        }

        var routing = await GetAsync(after.Workspace, cancellationToken).ConfigureAwait(false);
        var now = Time.GetUtcNow();
        var notifications = new List<AgentNotification>();
        var ownerBefore = before.State == ConversationState.Assigned ? before.AssignedAgentId : null;
        var ownerAfter = after.State == ConversationState.Assigned ? after.AssignedAgentId : null;
        var offerBefore = before.Routing?.Offer;
        var offerAfter = after.Routing?.Offer;
        var drain = false;
        List<AgentId>? loadsToRead = null;
        lock (routing.Table.Gate)
        {
            var table = routing.Table;
            if (ownerBefore != ownerAfter)
            {
                foreach (var changed in (ReadOnlySpan<AgentId?>)[ownerBefore, ownerAfter])
                {
                    if (changed is { } id && table.Find(id) is var o && o != RoutingTable.NoAgent)
                    {
                        // Count the change at once, then confirm it from the store: see RefreshAsync.
                        table.AddOpen(o, changed == ownerAfter ? 1 : -1, now.UtcTicks);
                        (loadsToRead ??= []).Add(id);
                    }
                }

                drain |= ownerBefore is not null;
            }

            if (offerBefore is not null && offerBefore.Token != offerAfter?.Token)
            {
                if (routing.Offers.TryGetValue(after.Id, out var held) && held.Token == offerBefore.Token)
                {
                    routing.Offers.Remove(after.Id);
                    held.Timer?.Dispose();
                    table.Release(held.Ordinal, now.UtcTicks);
                    drain = true;
                }

                if (ownerAfter != offerBefore.AgentId)
                {
                    notifications.Add(Notify(after, offerBefore.AgentId, AgentNotificationKind.OfferWithdrawn, now) with { Offer = offerBefore });
                }
            }

            if (offerAfter is not null && offerAfter.Token != offerBefore?.Token)
            {
                notifications.Add(Notify(after, offerAfter.AgentId, AgentNotificationKind.Offered, now) with { Offer = offerAfter });
            }

            // Observations of one conversation may arrive out of order; only the newest version moves it in or out of the backlog.
            var stale = routing.Versions.TryGetValue(after.Id, out var seenVersion) && seenVersion >= after.Version;
            if (after.State == ConversationState.Ended)
            {
                routing.Versions.Remove(after.Id);
            }
            else if (!stale)
            {
                routing.Versions[after.Id] = after.Version;
            }

            var waiting = IsWaiting(after);
            if (!stale && waiting && !routing.Waiting.ContainsKey(after.Id))
            {
                var exclude = offerBefore is not null && offerAfter is null ? table.Find(offerBefore.AgentId) : RoutingTable.NoAgent;
                routing.Enqueue(new WaitingConversation(after.Id, after.Number, after.Routing!.QueuedAt.UtcTicks, after.Routing.Target) { Exclude = exclude });
                drain = true;
                if (RequestsWait && !IsWaiting(before) && after.State == ConversationState.Unassigned)
                {
                    var alerted = table.AvailableFor(after.Routing.Target);
                    routing.Alerts[after.Id] = alerted;
                    notifications.AddRange(alerted.Select(a => Notify(after, a, AgentNotificationKind.NewRequest, now)));
                }
            }
            else if (!stale && !waiting)
            {
                routing.Dequeue(after.Id);
                if (routing.Alerts.Remove(after.Id, out var alerted))
                {
                    notifications.AddRange(alerted.Where(a => a != ownerAfter).Select(a => Notify(after, a, AgentNotificationKind.RequestTaken, now)));
                }
            }
        }

        if (ownerBefore != ownerAfter)
        {
            if (ownerAfter is { } gained)
            {
                notifications.Add(Notify(after, gained, ownerBefore is null ? AgentNotificationKind.Assigned : AgentNotificationKind.ReassignedToYou, now));
            }

            if (ownerBefore is { } lost && after.State != ConversationState.Ended)
            {
                notifications.Add(Notify(after, lost, AgentNotificationKind.ReassignedAway, now));
            }
        }

        if (after.State == ConversationState.Ended && before.State != ConversationState.Ended && ownerBefore is { } last)
        {
            notifications.Add(Notify(after, last, AgentNotificationKind.Ended, now));
        }

        foreach (var notification in notifications)
        {
            await _events.PublishAsync(notification, cancellationToken).ConfigureAwait(false);
        }

        if (loadsToRead is not null)
        {
            if (DrainRefreshes.Value is { } deferred)
            {
                deferred.AddRange(loadsToRead);
            }
            else
            {
                drain |= await RefreshAsync(routing, loadsToRead, cancellationToken).ConfigureAwait(false);
            }
        }

        if (drain)
        {
            await DrainAsync(routing, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A message was stored: the owner of the conversation hears of the visitor's new message (feature N1).</summary>
    public ValueTask MessagePostedAsync(Conversation conversation, ChatMessage message, CancellationToken cancellationToken)
        => message.Sender.Kind == SenderKind.Visitor && conversation.State == ConversationState.Assigned && conversation.AssignedAgentId is { } owner
            ? _events.PublishAsync(Notify(conversation, owner, AgentNotificationKind.NewMessage, message.SentAt) with { MessageSequence = message.Sequence }, cancellationToken)
            : ValueTask.CompletedTask;

    /// <summary>Stops every timer (presence, offer leases, requeue grace). The container calls it when the host stops.</summary>
    public void Dispose()
    {
        foreach (var lazy in _workspaces.Values)
        {
            if (!lazy.IsValueCreated || !lazy.Value.IsCompletedSuccessfully)
            {
                continue;
            }

            var routing = lazy.Value.Result;
            lock (routing.Table.Gate)
            {
                for (var ordinal = 0; ordinal < routing.Table.Count; ordinal++)
                {
                    routing.Table[ordinal].PresenceTimer?.Dispose();
                    routing.Table[ordinal].RequeueTimer?.Dispose();
                }

                foreach (var offer in routing.Offers.Values)
                {
                    offer.Timer?.Dispose();
                }
            }
        }
    }

    /// <summary>Completes once the background work started so far (timer callbacks) has finished. For tests.</summary>
    public async Task WhenIdleAsync()
    {
        while (!_background.IsEmpty)
        {
            await Task.WhenAll(_background.Keys).ConfigureAwait(false);
        }
    }

    private static bool IsWaiting(Conversation c)
        => c.State is ConversationState.Unassigned or ConversationState.Offline && c.Routing is { Offer: null };

    private static AgentNotification Notify(Conversation c, AgentId agent, AgentNotificationKind kind, DateTimeOffset now)
        => new(c.Workspace, c.Id, agent, kind, now);

    private async ValueTask ValidateAsync(WorkspaceRouting routing, WorkspaceId workspace, RoutingTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        bool hasTeam, hasAgent;
        lock (routing.Table.Gate)
        {
            hasTeam = target.Team is not { } team || routing.Table.HasTeam(team);
            hasAgent = target.Agent is not { } agent || routing.Table.Find(agent) != RoutingTable.NoAgent;
        }

        if (!hasTeam)
        {
            throw new TeamNotFoundException(workspace, target.Team!.Value);
        }

        if (!hasAgent && await _agents.FindAgentAsync(workspace, target.Agent!.Value, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new AgentNotFoundException(workspace, target.Agent!.Value);
        }
    }

    /// <summary>
    /// Sets <paramref name="agents"/> in the table as the store holds them: status, heartbeat, capacity, teams and open
    /// count. Every stored change of an agent, or of an agent's load, reads afterwards, and of concurrent reads only the
    /// latest started is applied, so the table ends equal to the store once changes stop, in whatever order the reads
    /// return.
    /// </summary>
    /// <returns>Whether an agent became able to take more, so the backlog should be routed.</returns>
    private async ValueTask<bool> RefreshAsync(WorkspaceRouting routing, IReadOnlyList<AgentId> agents, CancellationToken cancellationToken)
    {
        var more = false;
        foreach (var id in agents)
        {
            long ticket;
            int ordinal;
            lock (routing.Table.Gate)
            {
                ordinal = routing.Table.Find(id);
                ticket = ++routing.Table[ordinal].ReadsStarted;
            }

            var stored = await _agents.FindAgentAsync(routing.Workspace, id, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                continue;
            }

            lock (routing.Table.Gate)
            {
                var slot = routing.Table[ordinal];
                if (ticket <= slot.ReadApplied)
                {
                    continue;
                }

                slot.ReadApplied = ticket;
                var now = Time.GetUtcNow();
                var wasRoutable = slot.Routable;
                var load = slot.Load;
                routing.Table.Upsert(stored, stored.IsPresentAt(now, _options.PresenceTimeout), now.UtcTicks);
                more |= (!wasRoutable && slot.Routable) || slot.Load < load;
                if (stored.LastSeenAt is { } seen && _options.PresenceRequired)
                {
                    slot.LastSeenTicks = Math.Max(slot.LastSeenTicks, seen.UtcTicks);
                    slot.PresenceTimer ??= Time.CreateTimer(static s => ((PresenceProbe)s!).Fire(), new PresenceProbe(this, routing, ordinal), Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    slot.PresenceTimer.Change(Max(new DateTimeOffset(slot.LastSeenTicks, TimeSpan.Zero) + _options.PresenceTimeout - now), Timeout.InfiniteTimeSpan);
                }

                ScheduleRequeue(routing, slot);
            }
        }

        return more;
    }

    private async ValueTask<WorkspaceRouting> GetAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        var lazy = _workspaces.GetOrAdd(workspace, w => new Lazy<Task<WorkspaceRouting>>(() => LoadAsync(w)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            // A failed load (the store was down) is not cached: the next call tries again.
            _workspaces.TryRemove(new KeyValuePair<WorkspaceId, Lazy<Task<WorkspaceRouting>>>(workspace, lazy));
            throw;
        }
    }

    /// <summary>Builds a workspace's table from the store: teams, agents, the backlog and live offers.</summary>
    private async Task<WorkspaceRouting> LoadAsync(WorkspaceId workspace)
    {
        var routing = new WorkspaceRouting(workspace);
        var teams = await _agents.ListTeamsAsync(workspace).ConfigureAwait(false);
        var agents = await _agents.ListAgentsAsync(workspace).ConfigureAwait(false);
        var backlog = new List<Conversation>();
        for (InboxCursor? after = null; ;)
        {
            var page = await _commands.Store.QueryInboxAsync(new InboxQuery(workspace, InboxFolder.Unassigned, default, 1000, after)).ConfigureAwait(false);
            backlog.AddRange(page.Where(c => c.Routing is not null));
            if (page.Count < 1000)
            {
                break;
            }

            after = new InboxCursor(0, page[^1].Number);
        }

        var now = Time.GetUtcNow();
        lock (routing.Table.Gate)
        {
            foreach (var team in teams)
            {
                routing.Table.DefineTeam(team);
            }

            foreach (var agent in agents)
            {
                var ordinal = routing.Table.Upsert(agent, agent.IsPresentAt(now, _options.PresenceTimeout), now.UtcTicks);
                var slot = routing.Table[ordinal];
                if (agent.LastSeenAt is { } seen && _options.PresenceRequired)
                {
                    slot.LastSeenTicks = seen.UtcTicks;
                    slot.PresenceTimer = Time.CreateTimer(static s => ((PresenceProbe)s!).Fire(), new PresenceProbe(this, routing, ordinal), Max(seen + _options.PresenceTimeout - now), Timeout.InfiniteTimeSpan);
                }

                ScheduleRequeue(routing, slot);
            }

            foreach (var c in backlog)
            {
                if (c.Routing!.Offer is { } offer && routing.Table.Find(offer.AgentId) is var o && o != RoutingTable.NoAgent)
                {
                    // A live offer from before the restart keeps holding its seat until it is accepted or expires.
                    routing.Table[o].Held++;
                    routing.Offers[c.Id] = new HeldOffer(o, offer.Token) { Timer = OfferTimer(routing, c.Id, offer, now) };
                }
                else if (c.Routing.Offer is null)
                {
                    routing.Enqueue(new WaitingConversation(c.Id, c.Number, c.Routing.QueuedAt.UtcTicks, c.Routing.Target));
                }
            }
        }

        // Conversations waiting since before this process started are routed at once, or announced again to every
        // eligible agent when requests wait for a claim: who was told before is not known here, so at least once.
        Track(DrainAsync(routing, CancellationToken.None).AsTask());
        return routing;
    }

    private static TimeSpan Max(TimeSpan due) => due < TimeSpan.Zero ? TimeSpan.Zero : due;

    /// <summary>Starts or stops the agent's requeue grace timer to match their status and presence. Under the table's lock.</summary>
    private void ScheduleRequeue(WorkspaceRouting routing, RoutingTable.Slot slot)
    {
        var gone = slot.Status == AgentStatus.Offline || !slot.Present;
        if (!gone || _options.RequeuePolicy == RequeuePolicy.Keep)
        {
            slot.RequeueTimer?.Dispose();
            slot.RequeueTimer = null;
            return;
        }

        slot.RequeueTimer ??= Time.CreateTimer(
            static s => ((RequeueProbe)s!).Fire(), new RequeueProbe(this, routing, slot.Ordinal), _options.RequeueAfter, Timeout.InfiniteTimeSpan);
    }

    private ITimer OfferTimer(WorkspaceRouting routing, ConversationId conversationId, RoutingOffer offer, DateTimeOffset now)
        => Time.CreateTimer(
            static s => ((OfferProbe)s!).Fire(), new OfferProbe(this, routing, conversationId, offer.Token), Max(offer.ExpiresAt - now), Timeout.InfiniteTimeSpan);

    private void Track(Task task)
    {
        if (task.IsCompleted)
        {
            return;
        }

        _background.TryAdd(task, 0);
        task.ContinueWith(t => _background.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Routes the backlog, oldest first, until nothing more can be placed. Only one drain runs per workspace; a call
    /// while one runs asks it to go round again and returns at once.
    /// </summary>
    private async ValueTask DrainAsync(WorkspaceRouting routing, CancellationToken cancellationToken)
    {
        if (RequestsWait)
        {
            await AnnounceAsync(routing, cancellationToken).ConfigureAwait(false);
            return;
        }

        Interlocked.Exchange(ref routing.DrainRequested, 1);
        while (Interlocked.CompareExchange(ref routing.Draining, 1, 0) == 0)
        {
            try
            {
                while (Interlocked.Exchange(ref routing.DrainRequested, 0) == 1)
                {
                    while (await DrainBatchAsync(routing, cancellationToken).ConfigureAwait(false))
                    {
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.RoutingFailed(_logger, ex, routing.Workspace);
            }
            finally
            {
                Volatile.Write(ref routing.Draining, 0);
            }

            // An event that arrived after the last pass but before the flag dropped would be lost: look once more.
            if (Volatile.Read(ref routing.DrainRequested) == 0)
            {
                break;
            }
        }
    }

    /// <summary>Decides a batch under the lock, then commits each decision. Returns whether anything was placed.</summary>
    private async ValueTask<bool> DrainBatchAsync(WorkspaceRouting routing, CancellationToken cancellationToken)
    {
        var batch = new List<(WaitingConversation Waiting, int Ordinal, Agent Agent)>();
        var now = Time.GetUtcNow();
        lock (routing.Table.Gate)
        {
            var table = routing.Table;
            foreach (var waiting in routing.Backlog)
            {
                if (!table.AnyoneAvailable || batch.Count == DrainBatch)
                {
                    break;
                }

                var decision = table.Decide(waiting.Target, _options.Strategy, waiting.Exclude);
                if (decision.Found && table.Apply(decision, now.UtcTicks))
                {
                    var slot = table[decision.Ordinal];
                    var agent = new Agent
                    {
                        Workspace = routing.Workspace,
                        Id = slot.Id,
                        DisplayName = slot.DisplayName,
                        MaxConcurrentConversations = slot.Capacity,
                        Status = slot.Status,
                    };
                    batch.Add((waiting, decision.Ordinal, agent));
                }
            }

            foreach (var (waiting, ordinal, _) in batch)
            {
                routing.Dequeue(waiting.Id);
                if (_options.Mode == RoutingMode.Offer)
                {
                    // Registered before the commit, so an accept that races the commit's return still releases the seat.
                    routing.Offers[waiting.Id] = new HeldOffer(ordinal, 0);
                }
            }
        }

        var placed = false;
        var refreshes = new List<AgentId>();
        DrainRefreshes.Value = refreshes;
        try
        {
            foreach (var (waiting, ordinal, agent) in batch)
            {
                placed |= await PlaceAsync(routing, waiting, ordinal, agent, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            DrainRefreshes.Value = null;
        }

        // The batch's commits already counted their seats; one read per agent confirms the counts from the store.
        await RefreshAsync(routing, [.. refreshes.Distinct()], cancellationToken).ConfigureAwait(false);
        return placed;
    }

    /// <summary>Commits one decision: assigns or offers the conversation, if it still waits.</summary>
    private async ValueTask<bool> PlaceAsync(WorkspaceRouting routing, WaitingConversation waiting, int ordinal, Agent agent, CancellationToken cancellationToken)
    {
        var offer = _options.Mode == RoutingMode.Offer;
        RoutingOffer? made = null;
        var placed = false;
        var retry = false;
        try
        {
            var result = await _commands.ChangeAsync(routing.Workspace, waiting.Id, c =>
            {
                if (!IsWaiting(c))
                {
                    return null;
                }

                if (!offer)
                {
                    return AssignmentDecision.Assign(_commands, c, agent, claim: true);
                }

                var now = Time.GetUtcNow();
                made = new RoutingOffer(agent.Id, c.Version + 1, now, now + _options.OfferTimeout);
                lock (routing.Table.Gate)
                {
                    routing.Offers[c.Id] = new HeldOffer(ordinal, made.Token);
                }

                return new ConversationCommands.Change(c with { Routing = c.Routing! with { Offer = made } }, []);
            }, cancellationToken).ConfigureAwait(false);
            placed = offer ? result.Routing?.Offer == made && made is not null : result.State == ConversationState.Assigned && result.AssignedAgentId == agent.Id;
            if (placed)
            {
                _metrics.Routed(routing.Workspace, offer);
            }
        }
        catch (Exception ex) when (ex is AgentNotAvailableException or AgentCapacityExceededException or AgentNotFoundException)
        {
            // The store knows better than the table (another node took the seat, or the agent left): refresh and retry.
            Log.AgentSkipped(_logger, agent.Id, waiting.Id, ex.Message);
            retry = true;
            if (await _agents.FindAgentAsync(routing.Workspace, agent.Id, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                var now = Time.GetUtcNow();
                lock (routing.Table.Gate)
                {
                    var slot = routing.Table[ordinal];
                    routing.Table.Upsert(stored with { OpenConversations = slot.Open }, stored.IsPresentAt(now, _options.PresenceTimeout) && slot.Present, now.UtcTicks);
                }

                await RefreshAsync(routing, [agent.Id], cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is ConversationNotFoundException or ConversationEndedException)
        {
            // Gone or ended meanwhile: nothing to route.
        }
        finally
        {
            var now = Time.GetUtcNow();
            lock (routing.Table.Gate)
            {
                if (!offer || !placed)
                {
                    if (!offer || (routing.Offers.TryGetValue(waiting.Id, out var held) && held.Ordinal == ordinal && (made is null || held.Token == made.Token)))
                    {
                        routing.Offers.Remove(waiting.Id);
                        routing.Table.Release(ordinal, now.UtcTicks);
                    }
                }
                else if (routing.Offers.TryGetValue(waiting.Id, out var held) && held.Token == made!.Token)
                {
                    held.Timer = OfferTimer(routing, waiting.Id, made, now);
                }

                if (retry)
                {
                    routing.Enqueue(waiting);
                }
            }
        }

        return placed || retry;
    }

    /// <summary>Ends an offer whose lease ran out, if it is still the live one; the conversation then goes to the next agent.</summary>
    private async Task ExpireOfferAsync(WorkspaceRouting routing, ConversationId conversationId, long token)
    {
        try
        {
            await _commands.ChangeAsync(routing.Workspace, conversationId, c => c.Routing?.Offer is { } offer && offer.Token == token
                ? new ConversationCommands.Change(c with { Routing = c.Routing with { Offer = null, PreviousOffer = offer } }, [])
                : null, CancellationToken.None).ConfigureAwait(false);
            _metrics.OfferExpired(routing.Workspace);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.RoutingFailed(_logger, ex, routing.Workspace);
        }
    }

    /// <summary>
    /// The agent's heartbeat timer fired. Heartbeats may have reached another node, so the store has the last word: only
    /// if it holds no heartbeat within the timeout either does the agent stop receiving conversations.
    /// </summary>
    private async Task PresenceLapsedAsync(WorkspaceRouting routing, int ordinal)
    {
        AgentId id;
        lock (routing.Table.Gate)
        {
            id = routing.Table[ordinal].Id;
        }

        try
        {
            var stored = await _agents.FindAgentAsync(routing.Workspace, id).ConfigureAwait(false);
            lock (routing.Table.Gate)
            {
                var slot = routing.Table[ordinal];
                if (stored?.LastSeenAt is { } seen)
                {
                    slot.LastSeenTicks = Math.Max(slot.LastSeenTicks, seen.UtcTicks);
                }

                var now = Time.GetUtcNow();
                var due = new DateTimeOffset(slot.LastSeenTicks, TimeSpan.Zero) + _options.PresenceTimeout;
                if (now < due)
                {
                    slot.PresenceTimer?.Change(due - now, Timeout.InfiniteTimeSpan);
                    return;
                }

                if (!slot.Present)
                {
                    return;
                }

                routing.Table.SetPresent(ordinal, false, now.UtcTicks);
                ScheduleRequeue(routing, slot);
            }

            Log.PresenceLapsed(_logger, routing.Workspace, id, _options.PresenceTimeout);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.RoutingFailed(_logger, ex, routing.Workspace);
        }
    }

    /// <summary>
    /// The agent's requeue grace ran out: if they are still offline or silent, here and in the store, their
    /// conversations go back to the queue.
    /// </summary>
    private async Task RequeueAsync(WorkspaceRouting routing, int ordinal)
    {
        AgentId id;
        lock (routing.Table.Gate)
        {
            var slot = routing.Table[ordinal];
            slot.RequeueTimer?.Dispose();
            slot.RequeueTimer = null;
            if (slot.Status != AgentStatus.Offline && slot.Present)
            {
                return;
            }

            id = slot.Id;
        }

        try
        {
            // Another node may have seen the agent come back: requeue only if the store agrees they are gone.
            var stored = await _agents.FindAgentAsync(routing.Workspace, id).ConfigureAwait(false);
            if (stored is null || (stored.Status != AgentStatus.Offline && stored.IsPresentAt(Time.GetUtcNow(), _options.PresenceTimeout)))
            {
                await RefreshAsync(routing, [id], CancellationToken.None).ConfigureAwait(false);
                return;
            }

            var requeued = 0;
            while (true)
            {
                var mine = await _commands.Store.QueryInboxAsync(new InboxQuery(routing.Workspace, InboxFolder.Mine, id, 100, null)).ConfigureAwait(false);
                var moved = 0;
                foreach (var c in mine)
                {
                    var after = await _commands.ChangeAsync(routing.Workspace, c.Id, current => current.State == ConversationState.Assigned && current.AssignedAgentId == id
                        ? Requeue(current)
                        : null, CancellationToken.None).ConfigureAwait(false);
                    moved += after.State == ConversationState.Unassigned ? 1 : 0;
                }

                requeued += moved;
                if (moved == 0 || mine.Count < 100)
                {
                    break;
                }
            }

            Log.Requeued(_logger, routing.Workspace, id, requeued);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.RoutingFailed(_logger, ex, routing.Workspace);
        }
    }

    private ConversationCommands.Change Requeue(Conversation c)
    {
        var ticket = c.Routing is { } routing ? routing with { Offer = null } : new RoutingTicket(RoutingTarget.Workspace, c.StartedAt);
        var updated = c with
        {
            State = ConversationLifecycle.Next(c.State, ConversationTrigger.Requeue),
            AssignedAgentId = null,
            CounterpartName = _commands.Options.BotDisplayName,
            Routing = ticket,
        };
        return new ConversationCommands.Change(updated, [_commands.SystemMessage(c, SystemEvent.Requeued, SystemText.Requeued)]);
    }

    /// <summary>One workspace's routing state. Everything but the drain flags is guarded by the table's lock.</summary>
    private sealed class WorkspaceRouting(WorkspaceId workspace)
    {
        public int DrainRequested;
        public int Draining;

        /// <summary>The table's <see cref="RoutingTable.Openings"/> when waiting requests were last announced.</summary>
        public long AnnouncedOpenings;

        public WorkspaceId Workspace { get; } = workspace;

        public RoutingTable Table { get; } = new();

        /// <summary>Waiting conversations, oldest first.</summary>
        public SortedSet<WaitingConversation> Backlog { get; } = new(WaitingConversation.OldestFirst);

        public Dictionary<ConversationId, WaitingConversation> Waiting { get; } = [];

        /// <summary>Live offers and the seats they hold.</summary>
        public Dictionary<ConversationId, HeldOffer> Offers { get; } = [];

        /// <summary>The newest version observed of each conversation not ended.</summary>
        public Dictionary<ConversationId, long> Versions { get; } = [];

        /// <summary>The agents told of each pending request, when requests wait for a claim (Alert mode, Manual strategy).</summary>
        public Dictionary<ConversationId, List<AgentId>> Alerts { get; } = [];

        public void Enqueue(WaitingConversation waiting)
        {
            if (Waiting.TryAdd(waiting.Id, waiting))
            {
                Backlog.Add(waiting);
            }
        }

        public void Dequeue(ConversationId id)
        {
            if (Waiting.Remove(id, out var waiting))
            {
                Backlog.Remove(waiting);
            }
        }
    }

    private sealed class HeldOffer(int ordinal, long token)
    {
        public int Ordinal { get; } = ordinal;

        public long Token { get; } = token;

        public ITimer? Timer { get; set; }
    }

    private sealed class PresenceProbe(Router router, WorkspaceRouting routing, int ordinal)
    {
        public void Fire() => router.Track(router.PresenceLapsedAsync(routing, ordinal));
    }

    private sealed class RequeueProbe(Router router, WorkspaceRouting routing, int ordinal)
    {
        public void Fire() => router.Track(router.RequeueAsync(routing, ordinal));
    }

    private sealed class OfferProbe(Router router, WorkspaceRouting routing, ConversationId conversationId, long token)
    {
        public void Fire() => router.Track(router.ExpireOfferAsync(routing, conversationId, token));
    }
}

/// <summary>A conversation in the backlog.</summary>
internal sealed record WaitingConversation(ConversationId Id, long Number, long QueuedAtTicks, RoutingTarget Target)
{
    public static IComparer<WaitingConversation> OldestFirst { get; } = Comparer<WaitingConversation>.Create((a, b) =>
    {
        var byTime = a.QueuedAtTicks.CompareTo(b.QueuedAtTicks);
        return byTime != 0 ? byTime : a.Number.CompareTo(b.Number);
    });

    /// <summary>An agent to pass over unless nobody else is available: the one whose offer just expired.</summary>
    public int Exclude { get; init; } = RoutingTable.NoAgent;
}
