using LiveChat.Core;
using LiveChat.Core.Routing;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="TeamNotFoundException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class TeamNotFoundExceptionConverter : ExceptionConverter<TeamNotFoundException>
{
    /// <inheritdoc />
    protected override object?[] Values(TeamNotFoundException exception) => [exception.Workspace, exception.TeamId];

    /// <inheritdoc />
    protected override TeamNotFoundException Restore(object?[] values, Exception? inner) => new((WorkspaceId)values[0]!, (TeamId)values[1]!);
}
