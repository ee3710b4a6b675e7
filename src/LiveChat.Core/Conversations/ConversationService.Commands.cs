using LiveChat.Core.Agents;
using LiveChat.Core.Internal;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using LiveChat.Core.Texts;

namespace LiveChat.Core.Conversations;

/// <summary>The write commands run here, in this process (<see cref="InProcessConversations"/>), and their input checks.</summary>
public sealed partial class ConversationService
{
    internal ValueTask<ChatMessage> PostBotMessageHereAsync(
        WorkspaceId workspace, ConversationId conversationId, string text, string? clientMessageId, CancellationToken cancellationToken)
    {
        text = _commands.CheckText(text, nameof(text));
        Guard.OptionalText(clientMessageId, 128);
        var bot = new MessageSender(SenderKind.Bot, _commands.Options.BotDisplayName);
        return _commands.PostAsync(workspace, conversationId, bot, bot, BotMayPost, text, clientMessageId, cancellationToken);
    }

    internal async ValueTask<ChatMessage> PostAgentMessageHereAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, string text, string? clientMessageId, CancellationToken cancellationToken)
    {
        text = _commands.CheckText(text, nameof(text));
        Guard.OptionalText(clientMessageId, 128);
        Guard.Defined(agentId);

        // The assigned agent is authorized by the conversation alone, so a post reads one conversation and no agent: the
        // message carries the name the conversation shows for its agent (set at assignment). The agent is read only once
        // the post is refused, so an unregistered agent still hears AgentNotFoundException first.
        try
        {
            return await _commands.PostAsync(workspace, conversationId, new MessageSender(SenderKind.Agent, string.Empty, agentId), agentId, static (c, agentId) => c.State switch
            {
                ConversationState.Ended => throw new ConversationEndedException(c.Id, null),
                ConversationState.Assigned when c.AssignedAgentId == agentId => new MessageSender(SenderKind.Agent, c.CounterpartName, agentId),
                _ => throw new NotAssignedAgentException(c.Id, agentId),
            }, text, clientMessageId, cancellationToken).ConfigureAwait(false);
        }
        catch (LiveChatException ex) when (ex is ConversationNotFoundException or NotAssignedAgentException or ConversationEndedException)
        {
            await _resolver.RequireAsync(workspace, agentId, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The handoff, run here; announced in the playbook's language when <paramref name="texts"/> (the system texts for
    /// "queued" and "offline") are given, else in the conversation's language.
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

    internal async ValueTask<Conversation> AcceptOfferHereAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, long offerToken, CancellationToken cancellationToken)
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

    internal async ValueTask<Conversation> DeclineOfferHereAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, long offerToken, CancellationToken cancellationToken)
    {
        var agent = await _resolver.RequireAsync(workspace, agentId, cancellationToken).ConfigureAwait(false);
        return await _commands.ChangeAsync(workspace, conversationId, c => c.Routing is { Offer: { } offer } routing && offer.AgentId == agent.Id && offer.Token == offerToken
            ? new ConversationCommands.Change(c with { Routing = routing with { Offer = null, PreviousOffer = offer } }, [])
            : throw new OfferNotFoundException(c.Id, agent.Id, offerToken), cancellationToken).ConfigureAwait(false);
    }

    internal async ValueTask<Conversation> ClaimHereAsync(WorkspaceId workspace, ConversationId conversationId, AgentId agentId, CancellationToken cancellationToken)
    {
        var agent = await _resolver.RequireAsync(workspace, agentId, cancellationToken).ConfigureAwait(false);
        return await _commands.ChangeAsync(workspace, conversationId, c => AssignmentDecision.Assign(_commands, c, agent, claim: true), cancellationToken)
            .ConfigureAwait(false);
    }

    internal async ValueTask<Conversation> AssignHereAsync(WorkspaceId workspace, ConversationId conversationId, AgentId toAgentId, CancellationToken cancellationToken)
    {
        var agent = await _resolver.RequireAsync(workspace, toAgentId, cancellationToken).ConfigureAwait(false);
        return await _commands.ChangeAsync(workspace, conversationId, c => AssignmentDecision.Assign(_commands, c, agent, claim: false), cancellationToken)
            .ConfigureAwait(false);
    }

    internal async ValueTask<Conversation> EndHereAsync(WorkspaceId workspace, ConversationId conversationId, AgentId? endedBy, CancellationToken cancellationToken)
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

    internal async ValueTask<long> MarkReadHereAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, long upToSequence, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(upToSequence);
        var agent = await _resolver.RequireAsync(workspace, agentId, cancellationToken).ConfigureAwait(false);
        await _commands.LoadAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
        return await _commands.Store.AdvanceReadCursorAsync(workspace, conversationId, ReaderId.Agent(agent.Id), upToSequence, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A post's checks before it travels: the ids, the text and the idempotency key.</summary>
    private string CheckPost(WorkspaceId workspace, ConversationId conversationId, string text, string? clientMessageId)
    {
        text = _commands.CheckText(text, nameof(text));
        Guard.OptionalText(clientMessageId, 128);
        ConversationPortRef.CheckIds(workspace, conversationId);
        return text;
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

    private static HandoffOutcome Outcome(Conversation c) => c.State switch
    {
        ConversationState.Assigned => HandoffOutcome.Assigned,
        ConversationState.Offline => HandoffOutcome.Offline,
        _ when c.Routing?.Offer is not null => HandoffOutcome.Offered,
        _ => HandoffOutcome.Queued,
    };
}
