using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.Core;

/// <summary>Another agent claimed the conversation first (feature C6). Exactly one claim of a conversation succeeds.</summary>
public sealed class ConversationAlreadyClaimedException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public ConversationAlreadyClaimedException(ConversationId conversationId, AgentId owner)
        : base($"Conversation {conversationId} is already assigned to agent '{owner}'.")
    {
        ConversationId = conversationId;
        Owner = owner;
    }

    /// <summary>The conversation.</summary>
    public ConversationId ConversationId { get; }

    /// <summary>The agent who owns it.</summary>
    public AgentId Owner { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.Conflict;
}
