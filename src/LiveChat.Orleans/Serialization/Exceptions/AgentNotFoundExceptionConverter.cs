using LiveChat.Core;
using LiveChat.Core.Agents;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="AgentNotFoundException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class AgentNotFoundExceptionConverter : ExceptionConverter<AgentNotFoundException>
{
    /// <inheritdoc />
    protected override object?[] Values(AgentNotFoundException exception) => [exception.Workspace, exception.AgentId];

    /// <inheritdoc />
    protected override AgentNotFoundException Restore(object?[] values, Exception? inner) => new((WorkspaceId)values[0]!, (AgentId)values[1]!);
}
