using LiveChat.Core;
using LiveChat.Core.Conversations;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="SenderNotAllowedException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class SenderNotAllowedExceptionConverter : ExceptionConverter<SenderNotAllowedException>
{
    /// <inheritdoc />
    protected override object?[] Values(SenderNotAllowedException exception) => [exception.ConversationId, exception.State, exception.Sender];

    /// <inheritdoc />
    protected override SenderNotAllowedException Restore(object?[] values, Exception? inner) => new((ConversationId)values[0]!, (ConversationState)values[1]!, (SenderKind)values[2]!);
}
