using LiveChat.Core;
using LiveChat.Core.Conversations;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="ConversationNotFoundException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class ConversationNotFoundExceptionConverter : ExceptionConverter<ConversationNotFoundException>
{
    /// <inheritdoc />
    protected override object?[] Values(ConversationNotFoundException exception) => [exception.Workspace, exception.ConversationId];

    /// <inheritdoc />
    protected override ConversationNotFoundException Restore(object?[] values, Exception? inner) => new((WorkspaceId)values[0]!, (ConversationId)values[1]!);
}
