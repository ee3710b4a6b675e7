using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.Core;

/// <summary>Only the agent a conversation is assigned to may write to it as an agent (feature X2).</summary>
public sealed class NotAssignedAgentException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public NotAssignedAgentException(ConversationId conversationId, AgentId agentId)
        : base($"Agent '{agentId}' is not the agent assigned to conversation {conversationId}.")
    {
        ConversationId = conversationId;
        AgentId = agentId;
    }

    /// <summary>The conversation.</summary>
    public ConversationId ConversationId { get; }

    /// <summary>The agent who was refused.</summary>
    public AgentId AgentId { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.Forbidden;
}
