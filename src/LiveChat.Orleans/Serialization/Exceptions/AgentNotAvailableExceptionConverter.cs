using LiveChat.Core;
using LiveChat.Core.Agents;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>
/// Carries <see cref="AgentNotAvailableException"/> across grain boundaries with its values: an agent whose presence
/// lapsed arrives through the same constructor (its last heartbeat and its own message), any other through the status one.
/// </summary>
[RegisterConverter]
internal sealed class AgentNotAvailableExceptionConverter : ExceptionConverter<AgentNotAvailableException>
{
    /// <inheritdoc />
    protected override object?[] Values(AgentNotAvailableException exception)
        => [exception.AgentId, exception.Status, exception.PresenceLapsed, exception.LastSeenAt];

    /// <inheritdoc />
    protected override AgentNotAvailableException Restore(object?[] values, Exception? inner) => (bool)values[2]!
        ? new((AgentId)values[0]!, (AgentStatus)values[1]!, (DateTimeOffset?)values[3])
        : new((AgentId)values[0]!, (AgentStatus)values[1]!);
}
