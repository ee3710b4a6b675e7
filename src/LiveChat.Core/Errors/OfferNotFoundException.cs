using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.Core;

/// <summary>
/// The conversation holds no offer to this agent with this token: it was never offered to them, or it is offered to
/// someone else (feature R7).
/// </summary>
public sealed class OfferNotFoundException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public OfferNotFoundException(ConversationId conversationId, AgentId agentId, long token)
        : base($"Conversation {conversationId} holds no offer {token} to agent '{agentId}'.")
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
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.NotFound;
}
