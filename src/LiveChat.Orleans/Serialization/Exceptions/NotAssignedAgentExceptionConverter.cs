using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="NotAssignedAgentException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class NotAssignedAgentExceptionConverter : ExceptionConverter<NotAssignedAgentException>
{
    /// <inheritdoc />
    protected override object?[] Values(NotAssignedAgentException exception) => [exception.ConversationId, exception.AgentId];

    /// <inheritdoc />
    protected override NotAssignedAgentException Restore(object?[] values, Exception? inner) => new((ConversationId)values[0]!, (AgentId)values[1]!);
}
