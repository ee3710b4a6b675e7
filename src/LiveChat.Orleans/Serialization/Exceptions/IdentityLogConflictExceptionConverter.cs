using LiveChat.Core;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="IdentityLogConflictException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class IdentityLogConflictExceptionConverter : ExceptionConverter<IdentityLogConflictException>
{
    /// <inheritdoc />
    protected override object?[] Values(IdentityLogConflictException exception) => [exception.Workspace, exception.ExpectedLastSequence, exception.ActualLastSequence];

    /// <inheritdoc />
    protected override IdentityLogConflictException Restore(object?[] values, Exception? inner) => new((WorkspaceId)values[0]!, (long)values[1]!, (long)values[2]!);
}
