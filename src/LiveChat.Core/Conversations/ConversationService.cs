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
/// two owners, a gap in the numbering or a duplicated message. When the engine runs on a cluster (<c>UseOrleans</c>), a
/// command runs in its conversation's grain, maybe on another server: a token already cancelled sends nothing (nothing
/// changes, as on one server), but one cancelled later cancels the wait for the answer, not the command, which may
/// still complete (read the conversation, or repeat the call with the same idempotency key, to know); and a server
/// that does not answer surfaces as <c>ClusterUnavailableException</c> (<see cref="LiveChatErrorCategory.Unavailable"/>).
/// Once the engine is disposed, every command is refused before it changes anything with
/// <see cref="EngineStoppedException"/> (also <see cref="LiveChatErrorCategory.Unavailable"/>).
/// </remarks>
public sealed partial class ConversationService
{
    private readonly ConversationCommands _commands;
    private readonly IRoutingPort _router;
    private readonly AgentResolver _resolver;
    private readonly ConversationPortRef _port;

    internal ConversationService(ConversationCommands commands, IRoutingPort router, AgentResolver resolver, ConversationPortRef port)
    {
        _commands = commands;
        _router = router;
        _resolver = resolver;
        _port = port;
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
        if (_port.Remote is not { } port)
        {
            return PostBotMessageHereAsync(workspace, conversationId, text, clientMessageId, cancellationToken);
        }

        text = CheckPost(workspace, conversationId, text, clientMessageId);
        return port.PostBotMessageAsync(workspace, conversationId, text, clientMessageId, cancellationToken);
    }

    /// <summary>Posts a message as an agent. Only the agent the conversation is assigned to may (feature X2).</summary>
    /// <remarks>
    /// The assigned agent is authorized by the conversation alone: the post reads the conversation once and the agent
    /// not at all. The message carries the name the conversation shows for its agent (<see cref="Conversation.CounterpartName"/>,
    /// the agent's display name when the conversation was assigned), so an agent renamed mid-conversation keeps the name
    /// the visitor knows until the next assignment.
    /// </remarks>
    /// <exception cref="AgentNotFoundException">The agent is not registered in the workspace.</exception>
    /// <exception cref="NotAssignedAgentException">The agent does not own the conversation.</exception>
    /// <exception cref="ConversationEndedException">The conversation has ended.</exception>
    /// <inheritdoc cref="PostBotMessageAsync" path="/param"/>
    public ValueTask<ChatMessage> PostAgentMessageAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, string text, string? clientMessageId = null, CancellationToken cancellationToken = default)
    {
        if (_port.Remote is not { } port)
        {
            return PostAgentMessageHereAsync(workspace, conversationId, agentId, text, clientMessageId, cancellationToken);
        }

        text = CheckPost(workspace, conversationId, text, clientMessageId);
        return port.PostAgentMessageAsync(workspace, conversationId, Guard.Defined(agentId), text, clientMessageId, cancellationToken);
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
    {
        target ??= RoutingTarget.Workspace;
        if (_port.Remote is not { } port)
        {
            return RequestAgentLocalizedAsync(workspace, conversationId, target, null, cancellationToken);
        }

        ConversationPortRef.CheckIds(workspace, conversationId);
        return port.RequestAgentAsync(workspace, conversationId, target, cancellationToken);
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
    public ValueTask<Conversation> AcceptOfferAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, long offerToken, CancellationToken cancellationToken = default)
        => _port.Remote is { } port
            ? port.AcceptOfferAsync(ConversationPortRef.CheckIds(workspace, conversationId, agentId), conversationId, agentId, offerToken, cancellationToken)
            : AcceptOfferHereAsync(workspace, conversationId, agentId, offerToken, cancellationToken);

    /// <summary>The agent turns the offer down (feature R7): it moves to the next agent at once, as if it had expired.</summary>
    /// <exception cref="OfferNotFoundException">There is no live offer with this token to this agent.</exception>
    /// <inheritdoc cref="AcceptOfferAsync" path="/param"/>
    public ValueTask<Conversation> DeclineOfferAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, long offerToken, CancellationToken cancellationToken = default)
        => _port.Remote is { } port
            ? port.DeclineOfferAsync(ConversationPortRef.CheckIds(workspace, conversationId, agentId), conversationId, agentId, offerToken, cancellationToken)
            : DeclineOfferHereAsync(workspace, conversationId, agentId, offerToken, cancellationToken);

    /// <summary>An agent takes a conversation from the Unassigned folder (or an offline request, or from the bot) (feature C6).</summary>
    /// <exception cref="ConversationAlreadyClaimedException">Another agent owns it; exactly one concurrent claim wins.</exception>
    /// <exception cref="AgentNotAvailableException">The agent is not online.</exception>
    /// <exception cref="AgentCapacityExceededException">The agent has no free capacity.</exception>
    /// <exception cref="ConversationEndedException">The conversation has ended.</exception>
    public ValueTask<Conversation> ClaimAsync(WorkspaceId workspace, ConversationId conversationId, AgentId agentId, CancellationToken cancellationToken = default)
        => _port.Remote is { } port
            ? port.ClaimAsync(ConversationPortRef.CheckIds(workspace, conversationId, agentId), conversationId, agentId, cancellationToken)
            : ClaimHereAsync(workspace, conversationId, agentId, cancellationToken);

    /// <summary>
    /// Assigns the conversation to an online agent, or reassigns it from its current owner; it leaves the old owner's
    /// folder (feature C6).
    /// </summary>
    /// <exception cref="AgentNotAvailableException">The new agent is not online.</exception>
    /// <exception cref="AgentCapacityExceededException">The new agent has no free capacity.</exception>
    /// <exception cref="ConversationEndedException">The conversation has ended.</exception>
    public ValueTask<Conversation> AssignAsync(WorkspaceId workspace, ConversationId conversationId, AgentId toAgentId, CancellationToken cancellationToken = default)
        => _port.Remote is { } port
            ? port.AssignAsync(ConversationPortRef.CheckIds(workspace, conversationId, toAgentId), conversationId, toAgentId, cancellationToken)
            : AssignHereAsync(workspace, conversationId, toAgentId, cancellationToken);

    /// <summary>Ends the conversation. Ended is terminal (feature C1).</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="endedBy">The agent ending it, who must own it if anyone does; <see langword="null"/> when the host ends it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ConversationEndedException">It has ended already.</exception>
    /// <exception cref="NotAssignedAgentException">Another agent owns it.</exception>
    public ValueTask<Conversation> EndAsync(WorkspaceId workspace, ConversationId conversationId, AgentId? endedBy = null, CancellationToken cancellationToken = default)
        => _port.Remote is { } port
            ? port.EndAsync(endedBy is { } agent ? ConversationPortRef.CheckIds(workspace, conversationId, agent) : ConversationPortRef.CheckIds(workspace, conversationId), conversationId, endedBy, cancellationToken)
            : EndHereAsync(workspace, conversationId, endedBy, cancellationToken);

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
    public ValueTask<long> MarkReadAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, long upToSequence, CancellationToken cancellationToken = default)
    {
        if (_port.Remote is not { } port)
        {
            return MarkReadHereAsync(workspace, conversationId, agentId, upToSequence, cancellationToken);
        }

        ArgumentOutOfRangeException.ThrowIfNegative(upToSequence);
        return port.MarkReadAsync(ConversationPortRef.CheckIds(workspace, conversationId, agentId), conversationId, agentId, upToSequence, cancellationToken);
    }

    /// <summary>How many messages the agent has not read, not counting their own (feature C8).</summary>
    public async ValueTask<int> GetUnreadCountAsync(WorkspaceId workspace, ConversationId conversationId, AgentId agentId, CancellationToken cancellationToken = default)
    {
        var agent = await _resolver.RequireAsync(workspace, agentId, cancellationToken).ConfigureAwait(false);
        await _commands.LoadAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
        return await _commands.Store.CountUnreadAsync(workspace, conversationId, ReaderId.Agent(agent.Id), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The bot speaks until an agent owns the conversation or it ends; a static rule, so a bot post allocates no closure.</summary>
    internal static MessageSender BotMayPost(Conversation c, MessageSender bot) => c.State is ConversationState.Assigned or ConversationState.Ended
        ? throw new SenderNotAllowedException(c.Id, c.State, SenderKind.Bot)
        : bot;
}
