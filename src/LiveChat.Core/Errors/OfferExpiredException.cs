using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.Core;

/// <summary>
/// The agent's offer of the conversation has expired or was superseded by a newer offer, so it can no longer be accepted
/// (feature R7). The conversation may be offered to them again later.
/// </summary>
public sealed class OfferExpiredException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public OfferExpiredException(ConversationId conversationId, AgentId agentId, long token)
        : base($"Offer {token} of conversation {conversationId} to agent '{agentId}' has expired.")
    {
        ConversationId = conversationId;
        AgentId = agentId;
        Token = token;
    }

    /// <summary>The conversation.</summary>
    public ConversationId ConversationId { get; }

    /// <summary>The agent who tried to accept.</summary>
    public AgentId AgentId { get; }

    /// <summary>The fencing token presented.</summary>
    public long Token { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.Conflict;
}
