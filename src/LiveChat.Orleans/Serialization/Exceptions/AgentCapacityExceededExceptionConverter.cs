using LiveChat.Core;
using LiveChat.Core.Agents;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="AgentCapacityExceededException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class AgentCapacityExceededExceptionConverter : ExceptionConverter<AgentCapacityExceededException>
{
    /// <inheritdoc />
    protected override object?[] Values(AgentCapacityExceededException exception) => [exception.AgentId, exception.MaxConcurrentConversations];

    /// <inheritdoc />
    protected override AgentCapacityExceededException Restore(object?[] values, Exception? inner) => new((AgentId)values[0]!, (int)values[1]!);
}
