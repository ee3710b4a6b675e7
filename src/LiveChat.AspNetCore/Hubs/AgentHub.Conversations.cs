using LiveChat.AspNetCore.Internal;
using LiveChat.AspNetCore.Wire;
using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.AspNetCore.Hubs;

/// <summary>The agent hub's conversation calls: open, claim, offers, reassign, post, read, end, transcript, typing.</summary>
public sealed partial class AgentHub
{
    /// <summary>
    /// Follows a conversation of the workspace: every message after <paramref name="afterSequence"/> follows as
    /// <c>MessageReceived</c>, in order and exactly once, read from the store, all sent before this call's result; new ones follow
    /// live (features W1, W2). Any agent of the workspace may read its conversations, as the Ended folder shows them to all.
    /// </summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="afterSequence">The last sequence this client saw; 0 for everything.</param>
    public async Task<AgentConversation> OpenConversation(string conversationId, long afterSequence = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        var id = WireMapper.ConversationId(conversationId);
        var conversation = await _engine.Conversations.GetAsync(Workspace, id, Context.ConnectionAborted).ConfigureAwait(false);
        if (_feeds.CountFor(Context.ConnectionId) >= _options.MaxOpenConversationsPerAgentConnection
            && !_feeds.For(Workspace, id).Any(f => f.ConnectionId == Context.ConnectionId))
        {
            throw new ArgumentException($"A connection follows at most {_options.MaxOpenConversationsPerAgentConnection} conversations; close one first.", nameof(conversationId));
        }

        var feed = new ConversationFeed(Context.ConnectionId, Workspace, id, null, _context.Clients.Client(Context.ConnectionId), _engine, null, _metrics, _logger);
        _feeds.Add(feed);
        await feed.CatchUpAsync(afterSequence).ConfigureAwait(false);
        _metrics.Resumed();
        return WireMapper.Agent(conversation, AgentId);
    }

    /// <summary>Stops following a conversation on this connection.</summary>
    public Task CloseConversation(string conversationId)
    {
        _feeds.Remove(Context.ConnectionId, Workspace, WireMapper.ConversationId(conversationId));
        return Task.CompletedTask;
    }

    /// <summary>Takes a waiting conversation (feature R3); every alerted agent's alert is withdrawn (<c>RequestTaken</c>).</summary>
    public async Task<AgentConversation> Claim(string conversationId)
        => WireMapper.Agent(await _engine.Conversations.ClaimAsync(Workspace, WireMapper.ConversationId(conversationId), AgentId, Context.ConnectionAborted).ConfigureAwait(false), AgentId);

    /// <summary>Accepts the offer made to this agent (feature R7).</summary>
    public async Task<AgentConversation> AcceptOffer(string conversationId, long offerToken)
        => WireMapper.Agent(await _engine.Conversations.AcceptOfferAsync(Workspace, WireMapper.ConversationId(conversationId), AgentId, offerToken, Context.ConnectionAborted).ConfigureAwait(false), AgentId);

    /// <summary>Declines the offer made to this agent (feature R7).</summary>
    public async Task<AgentConversation> DeclineOffer(string conversationId, long offerToken)
        => WireMapper.Agent(await _engine.Conversations.DeclineOfferAsync(Workspace, WireMapper.ConversationId(conversationId), AgentId, offerToken, Context.ConnectionAborted).ConfigureAwait(false), AgentId);

    /// <summary>
    /// Hands the conversation to another agent of the workspace (feature C6). Only its owner may reassign an assigned
    /// conversation (<see cref="LiveChatHubErrors.Forbidden"/> otherwise); a waiting one any agent may assign.
    /// </summary>
    public async Task<AgentConversation> Reassign(string conversationId, string toAgentId)
    {
        var id = WireMapper.ConversationId(conversationId);
        var to = new AgentId(toAgentId);
        var conversation = await _engine.Conversations.GetAsync(Workspace, id, Context.ConnectionAborted).ConfigureAwait(false);
        if (conversation.State == ConversationState.Assigned && conversation.AssignedAgentId != AgentId)
        {
            throw new NotAssignedAgentException(id, AgentId);
        }

        return WireMapper.Agent(await _engine.Conversations.AssignAsync(Workspace, id, to, Context.ConnectionAborted).ConfigureAwait(false), AgentId);
    }

    /// <summary>Posts as this agent; only the assigned agent may (<see cref="LiveChatHubErrors.Forbidden"/> otherwise).</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="text">The text: not empty, at most <c>LiveChatOptions.MaxMessageLength</c> characters.</param>
    /// <param name="clientMessageId">The idempotency key.</param>
    public async Task<WireMessage> Post(string conversationId, string text, string? clientMessageId = null)
        => WireMapper.Message(await _engine.Conversations.PostAgentMessageAsync(
            Workspace, WireMapper.ConversationId(conversationId), AgentId, text, clientMessageId, Context.ConnectionAborted).ConfigureAwait(false), forAgent: true);

    /// <summary>Ends the conversation (feature C5); it moves to the Ended folder and can no longer be reassigned.</summary>
    public async Task<AgentConversation> End(string conversationId)
        => WireMapper.Agent(await _engine.Conversations.EndAsync(Workspace, WireMapper.ConversationId(conversationId), AgentId, Context.ConnectionAborted).ConfigureAwait(false), AgentId);

    /// <summary>How many messages of the conversation this agent has not read (feature C8).</summary>
    public async Task<int> GetUnreadCount(string conversationId)
        => await _engine.Conversations.GetUnreadCountAsync(Workspace, WireMapper.ConversationId(conversationId), AgentId, Context.ConnectionAborted).ConfigureAwait(false);

    /// <summary>
    /// How many messages this agent has not read in each conversation of a page (feature C8): an inbox's unread badges in
    /// one call and one store read instead of one <see cref="GetUnreadCount"/> each.
    /// </summary>
    /// <param name="conversationIds">Up to <c>LiveChatOptions.MaxPageSize</c> conversation ids; a duplicate counts once.</param>
    /// <returns>Conversation id (as sent back by the hub) to count; an id of no conversation of this workspace is left out.</returns>
    public async Task<IReadOnlyDictionary<string, int>> GetUnreadCounts(string[] conversationIds)
    {
        ArgumentNullException.ThrowIfNull(conversationIds);
        var counts = await _engine.Inbox.GetUnreadCountsAsync(
            Workspace, AgentId, [.. conversationIds.Select(WireMapper.ConversationId)], Context.ConnectionAborted).ConfigureAwait(false);
        return counts.ToDictionary(c => c.Key.ToString(), c => c.Value);
    }

    /// <summary>Moves this agent's read cursor (feature C8).</summary>
    /// <returns>The cursor after the call.</returns>
    public async Task<long> MarkRead(string conversationId, long upToSequence)
        => await _engine.Conversations.MarkReadAsync(Workspace, WireMapper.ConversationId(conversationId), AgentId, upToSequence, Context.ConnectionAborted).ConfigureAwait(false);

    /// <summary>The conversation's transcript (feature C9).</summary>
    public async Task<WireTranscript> GetTranscript(string conversationId)
        => WireMapper.Transcript(await _engine.Conversations.GetTranscriptAsync(Workspace, WireMapper.ConversationId(conversationId), Context.ConnectionAborted).ConfigureAwait(false));

    /// <summary>
    /// This agent started or stopped typing in their conversation (feature W6): relayed to its visitor, never stored. Only
    /// the assigned agent's typing is relayed (<see cref="LiveChatHubErrors.Forbidden"/> otherwise).
    /// </summary>
    public async Task Typing(string conversationId, bool isTyping)
    {
        var id = WireMapper.ConversationId(conversationId);
        var conversation = await _engine.Conversations.GetAsync(Workspace, id, Context.ConnectionAborted).ConfigureAwait(false);
        if (conversation.AssignedAgentId != AgentId)
        {
            throw new NotAssignedAgentException(id, AgentId);
        }

        var typing = new TypingIndicator(conversationId, "agent", conversation.CounterpartName, isTyping);
        foreach (var feed in _feeds.For(Workspace, id).Where(f => f.Visitor is not null))
        {
            feed.Send(() => feed.Visitor!.Typing(typing));
        }
    }
}
