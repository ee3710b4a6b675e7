using LiveChat.Core.Agents;
using LiveChat.Core.Internal;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using LiveChat.Core.Texts;

namespace LiveChat.Core.Conversations;

/// <summary>
/// Conversations as the host, the bot and agents see them: start, hand over to a human, claim, reassign, write, end,
/// read (features C1–C4, C6, C8, C9).
/// </summary>
/// <remarks>
/// Thread-safe; call it from any number of threads. Every method either completes its change or throws before changing
/// anything. Writes use optimistic concurrency and retry lost races internally, so concurrent callers never produce
/// two owners, a gap in the numbering or a duplicated message.
/// </remarks>
public sealed class ConversationService
{
    private readonly ConversationCommands _commands;
    private readonly IRoutingPort _router;
    private readonly AgentResolver _resolver;

    internal ConversationService(ConversationCommands commands, IRoutingPort router, AgentResolver resolver)
    {
        _commands = commands;
        _router = router;
        _resolver = resolver;
    }

    /// <summary>Starts a conversation in the bot flow and returns the visitor's access token (features C1, C2).</summary>
    /// <exception cref="ArgumentException">The workspace is undefined, or the channel or visitor name is empty or too long.</exception>
    public async ValueTask<StartedConversation> StartAsync(
        WorkspaceId workspace, StartConversationRequest? request = null, CancellationToken cancellationToken = default)
    {
        Guard.Defined(workspace);
        request ??= new StartConversationRequest();
        var channel = Guard.NotNullOrWhiteSpace(request.Channel, 64, nameof(request.Channel));
        var visitorName = Guard.OptionalText(request.VisitorName, 200, nameof(request.VisitorName))
            ?? _commands.Options.DefaultVisitorName
            ?? _commands.Text(workspace, channel, SystemText.Visitor);
        var now = _commands.Time.GetUtcNow();
        var token = VisitorToken.New();
        var draft = new Conversation
        {
            Workspace = workspace,
            Id = new ConversationId(Guid.CreateVersion7(now)),
            State = ConversationState.BotFlow,
            Channel = channel,
            VisitorName = visitorName,
            VisitorTokenHash = token.ComputeHash(),
            CounterpartName = _commands.Options.BotDisplayName,
            StartedAt = now,
            Participants =
            [
                new Participant(SenderKind.Visitor, visitorName, null, now),
                new Participant(SenderKind.Bot, _commands.Options.BotDisplayName, null, now),
            ],
        };
        var stored = await _commands.CreateAsync(draft, cancellationToken).ConfigureAwait(false);
        return new StartedConversation(stored, token);
    }

    /// <summary>The conversation as agents see it.</summary>
    /// <exception cref="ConversationNotFoundException">No such conversation in this workspace.</exception>
    public ValueTask<Conversation> GetAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
        => _commands.LoadAsync(workspace, conversationId, cancellationToken);

    /// <summary>Posts a bot message. The bot speaks until an agent owns the conversation.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="text">The text: not empty, at most <see cref="LiveChatOptions.MaxMessageLength"/> characters.</param>
    /// <param name="clientMessageId">An idempotency key: a retry with the same key stores nothing new and returns the first message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="SenderNotAllowedException">An agent owns the conversation, or it has ended.</exception>
    public ValueTask<ChatMessage> PostBotMessageAsync(
        WorkspaceId workspace, ConversationId conversationId, string text, string? clientMessageId = null, CancellationToken cancellationToken = default)
    {
        text = _commands.CheckText(text, nameof(text));
        Guard.OptionalText(clientMessageId, 128);
        var bot = new MessageSender(SenderKind.Bot, _commands.Options.BotDisplayName);
        return _commands.PostAsync(workspace, conversationId, bot, bot, BotMayPost, text, clientMessageId, cancellationToken);
    }

    /// <summary>Posts a message as an agent. Only the agent the conversation is assigned to may (feature X2).</summary>
    /// <exception cref="NotAssignedAgentException">The agent does not own the conversation.</exception>
    /// <exception cref="ConversationEndedException">The conversation has ended.</exception>
    /// <inheritdoc cref="PostBotMessageAsync" path="/param"/>
    public async ValueTask<ChatMessage> PostAgentMessageAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, string text, string? clientMessageId = null, CancellationToken cancellationToken = default)
    {
        text = _commands.CheckText(text, nameof(text));
        Guard.OptionalText(clientMessageId, 128);
        var agent = await _resolver.RequireAsync(workspace, agentId, cancellationToken).ConfigureAwait(false);
        var sender = new MessageSender(SenderKind.Agent, agent.DisplayName, agent.Id);
        return await _commands.PostAsync(workspace, conversationId, sender, sender, static (c, sender) => c.State switch
        {
            ConversationState.Ended => throw new ConversationEndedException(c.Id, null),
            ConversationState.Assigned when c.AssignedAgentId == sender.AgentId => sender,
            _ => throw new NotAssignedAgentException(c.Id, sender.AgentId!.Value),
        }, text, clientMessageId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The visitor asks for a human (features R2–R7). When nobody eligible for <paramref name="target"/> is online,
    /// present and has free capacity, the conversation goes to the offline flow; otherwise it joins the queue and the
    /// router assigns it, offers it or alerts agents at once, as <see cref="RoutingOptions.Mode"/> says. Offline requests
    /// stay in the backlog too, and are routed as soon as an agent becomes available. Asking again while queued or
    /// assigned changes nothing.
    /// </summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="target">Who may take it: the workspace (default), a team, or a named teammate with a fallback team.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The conversation as routing left it when the call returned, and the outcome.</returns>
    /// <exception cref="ConversationEndedException">The conversation has ended.</exception>
    /// <exception cref="TeamNotFoundException">The target's team is not defined.</exception>
    /// <exception cref="AgentNotFoundException">The target's agent is not registered.</exception>
    public ValueTask<HandoffResult> RequestAgentAsync(
        WorkspaceId workspace, ConversationId conversationId, RoutingTarget? target = null, CancellationToken cancellationToken = default)
        => RequestAgentLocalizedAsync(workspace, conversationId, target, null, cancellationToken);

    /// <summary>
    /// The same, announced in the playbook's language: the system texts for "queued" and "offline"; <see langword="null"/>
    /// announces it in the conversation's language.
    /// </summary>
    internal async ValueTask<HandoffResult> RequestAgentLocalizedAsync(
        WorkspaceId workspace, ConversationId conversationId, RoutingTarget? target, (string Queued, string Offline)? texts, CancellationToken cancellationToken)
    {
        target ??= RoutingTarget.Workspace;
        var available = await _router.IsAvailableAsync(Guard.Defined(workspace), target, cancellationToken).ConfigureAwait(false);
        await _commands.ChangeAsync(workspace, conversationId, c => Handoff(c, target, available, texts), cancellationToken).ConfigureAwait(false);
        var conversation = await _commands.LoadAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
        return new HandoffResult(conversation, Outcome(conversation));
    }

    /// <summary>The agent accepts the conversation offered to them (feature R7); it is assigned to them.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="agentId">The agent the offer was made to.</param>
    /// <param name="offerToken">The offer's fencing token, from <see cref="RoutingOffer.Token"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="OfferExpiredException">The lease ran out, or the offer was superseded.</exception>
    /// <exception cref="OfferNotFoundException">There is no such offer to this agent: it is someone else's, or was never made.</exception>
    /// <exception cref="ConversationAlreadyClaimedException">Another agent took the conversation meanwhile.</exception>
    /// <exception cref="AgentNotAvailableException">The agent went offline or silent.</exception>
    public async ValueTask<Conversation> AcceptOfferAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, long offerToken, CancellationToken cancellationToken = default)
    {
        var agent = await _resolver.RequireAsync(workspace, agentId, cancellationToken).ConfigureAwait(false);
        return await _commands.ChangeAsync(workspace, conversationId, c =>
        {
            var offer = c.Routing?.Offer;
            if (offer is not null && offer.AgentId == agent.Id && offer.Token == offerToken)
            {
                return _commands.Time.GetUtcNow() >= offer.ExpiresAt
                    ? throw new OfferExpiredException(c.Id, agent.Id, offerToken)
                    : AssignmentDecision.Assign(_commands, c, agent, claim: true);
            }

            if (c.Routing?.PreviousOffer is { } previous && previous.AgentId == agent.Id && previous.Token == offerToken)
            {
                // Either a retry of an accept that succeeded, or an accept of an offer that expired or was withdrawn.
                return c.State == ConversationState.Assigned && c.AssignedAgentId == agent.Id
                    ? null
                    : throw new OfferExpiredException(c.Id, agent.Id, offerToken);
            }

            return c.State == ConversationState.Assigned && c.AssignedAgentId is { } owner && owner != agent.Id
                ? throw new ConversationAlreadyClaimedException(c.Id, owner)
                : throw new OfferNotFoundException(c.Id, agent.Id, offerToken);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The agent turns the offer down (feature R7): it moves to the next agent at once, as if it had expired.</summary>
    /// <exception cref="OfferNotFoundException">There is no live offer with this token to this agent.</exception>
    /// <inheritdoc cref="AcceptOfferAsync" path="/param"/>
    public async ValueTask<Conversation> DeclineOfferAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, long offerToken, CancellationToken cancellationToken = default)
    {
        var agent = await _resolver.RequireAsync(workspace, agentId, cancellationToken).ConfigureAwait(false);
        return await _commands.ChangeAsync(workspace, conversationId, c => c.Routing is { Offer: { } offer } routing && offer.AgentId == agent.Id && offer.Token == offerToken
            ? new ConversationCommands.Change(c with { Routing = routing with { Offer = null, PreviousOffer = offer } }, [])
            : throw new OfferNotFoundException(c.Id, agent.Id, offerToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An agent takes a conversation from the Unassigned folder (or an offline request, or from the bot) (feature C6).</summary>
    /// <exception cref="ConversationAlreadyClaimedException">Another agent owns it; exactly one concurrent claim wins.</exception>
    /// <exception cref="AgentNotAvailableException">The agent is not online.</exception>
    /// <exception cref="AgentCapacityExceededException">The agent has no free capacity.</exception>
    /// <exception cref="ConversationEndedException">The conversation has ended.</exception>
    public async ValueTask<Conversation> ClaimAsync(WorkspaceId workspace, ConversationId conversationId, AgentId agentId, CancellationToken cancellationToken = default)
    {
        var agent = await _resolver.RequireAsync(workspace, agentId, cancellationToken).ConfigureAwait(false);
        return await _commands.ChangeAsync(workspace, conversationId, c => AssignmentDecision.Assign(_commands, c, agent, claim: true), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Assigns the conversation to an online agent, or reassigns it from its current owner; it leaves the old owner's
    /// folder (feature C6).
    /// </summary>
    /// <exception cref="AgentNotAvailableException">The new agent is not online.</exception>
    /// <exception cref="AgentCapacityExceededException">The new agent has no free capacity.</exception>
    /// <exception cref="ConversationEndedException">The conversation has ended.</exception>
    public async ValueTask<Conversation> AssignAsync(WorkspaceId workspace, ConversationId conversationId, AgentId toAgentId, CancellationToken cancellationToken = default)
    {
        var agent = await _resolver.RequireAsync(workspace, toAgentId, cancellationToken).ConfigureAwait(false);
        return await _commands.ChangeAsync(workspace, conversationId, c => AssignmentDecision.Assign(_commands, c, agent, claim: false), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Ends the conversation. Ended is terminal (feature C1).</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="endedBy">The agent ending it, who must own it if anyone does; <see langword="null"/> when the host ends it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ConversationEndedException">It has ended already.</exception>
    /// <exception cref="NotAssignedAgentException">Another agent owns it.</exception>
    public async ValueTask<Conversation> EndAsync(WorkspaceId workspace, ConversationId conversationId, AgentId? endedBy = null, CancellationToken cancellationToken = default)
    {
        var agent = endedBy is { } id ? await _resolver.RequireAsync(workspace, id, cancellationToken).ConfigureAwait(false) : null;
        return await _commands.ChangeAsync(workspace, conversationId, c =>
        {
            if (agent is not null && c.State == ConversationState.Assigned && c.AssignedAgentId != agent.Id)
            {
                throw new NotAssignedAgentException(c.Id, agent.Id);
            }

            return AssignmentDecision.End(_commands, c);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Messages after <paramref name="afterSequence"/>, in order (features C3).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative sequence, or a limit outside 1 to 1,000.</exception>
    public async ValueTask<IReadOnlyList<ChatMessage>> GetMessagesAsync(
        WorkspaceId workspace, ConversationId conversationId, long afterSequence = 0, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        Guard.InRange(limit, 1, 1000);
        await _commands.LoadAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
        return await _commands.Store.GetMessagesAsync(workspace, conversationId, afterSequence, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The transcript: start and end times, participants and every message (feature C9).</summary>
    public async ValueTask<Transcript> GetTranscriptAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
    {
        var conversation = await _commands.LoadAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
        var messages = new List<ChatMessage>();
        while (true)
        {
            var page = await _commands.Store.GetMessagesAsync(workspace, conversationId, messages.Count, 500, cancellationToken).ConfigureAwait(false);
            messages.AddRange(page);
            if (page.Count < 500)
            {
                break;
            }
        }

        // Messages are read after the snapshot; a transcript never shows a message newer than its own header.
        messages.RemoveAll(m => m.Sequence > conversation.LastSequence);
        return new Transcript(conversation, conversation.Participants, messages);
    }

    /// <summary>Moves an agent's read cursor forward (feature C8). Cursors never move back.</summary>
    /// <returns>The agent's cursor after the call.</returns>
    public async ValueTask<long> MarkReadAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, long upToSequence, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(upToSequence);
        var agent = await _resolver.RequireAsync(workspace, agentId, cancellationToken).ConfigureAwait(false);
        await _commands.LoadAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
        return await _commands.Store.AdvanceReadCursorAsync(workspace, conversationId, ReaderId.Agent(agent.Id), upToSequence, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How many messages the agent has not read, not counting their own (feature C8).</summary>
    public async ValueTask<int> GetUnreadCountAsync(WorkspaceId workspace, ConversationId conversationId, AgentId agentId, CancellationToken cancellationToken = default)
    {
        var agent = await _resolver.RequireAsync(workspace, agentId, cancellationToken).ConfigureAwait(false);
        await _commands.LoadAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
        return await _commands.Store.CountUnreadAsync(workspace, conversationId, ReaderId.Agent(agent.Id), cancellationToken).ConfigureAwait(false);
    }

    private ConversationCommands.Change? Handoff(Conversation c, RoutingTarget target, bool anyoneAvailable, (string Queued, string Offline)? texts)
    {
        switch (c.State)
        {
            case ConversationState.Ended:
                throw new ConversationEndedException(c.Id, ConversationTrigger.RequestAgent);
            case ConversationState.Unassigned or ConversationState.Assigned:
                return null;
            case ConversationState.Offline when !anyoneAvailable:
                return null;
        }

        // A returning visitor keeps their place: the ticket's time is when they first asked.
        var ticket = new RoutingTicket(target, c.Routing?.QueuedAt ?? _commands.Time.GetUtcNow());

        var trigger = anyoneAvailable ? ConversationTrigger.RequestAgent : ConversationTrigger.NoAgentAvailable;
        var next = ConversationLifecycle.Next(c.State, trigger);
        var message = (anyoneAvailable, texts) switch
        {
            (true, { } own) => _commands.SystemMessage(c, SystemEvent.Queued, own.Queued),
            (false, { } own) => _commands.SystemMessage(c, SystemEvent.WentOffline, own.Offline),
            (true, null) => _commands.SystemMessage(c, SystemEvent.Queued, SystemText.ConnectingToAgent),
            (false, null) => _commands.SystemMessage(c, SystemEvent.WentOffline, SystemText.NobodyAvailable),
        };
        return new ConversationCommands.Change(c with { State = next, Routing = ticket }, [message]);
    }

    /// <summary>The bot speaks until an agent owns the conversation or it ends; a static rule, so a bot post allocates no closure.</summary>
    internal static MessageSender BotMayPost(Conversation c, MessageSender bot) => c.State is ConversationState.Assigned or ConversationState.Ended
        ? throw new SenderNotAllowedException(c.Id, c.State, SenderKind.Bot)
        : bot;

    private static HandoffOutcome Outcome(Conversation c) => c.State switch
    {
        ConversationState.Assigned => HandoffOutcome.Assigned,
        ConversationState.Offline => HandoffOutcome.Offline,
        _ when c.Routing?.Offer is not null => HandoffOutcome.Offered,
        _ => HandoffOutcome.Queued,
    };
}
