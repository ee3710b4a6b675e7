using LiveChat.Core;
using LiveChat.Core.Conversations;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="IdempotencyConflictException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class IdempotencyConflictExceptionConverter : ExceptionConverter<IdempotencyConflictException>
{
    /// <inheritdoc />
    protected override object?[] Values(IdempotencyConflictException exception) => [exception.ConversationId, exception.ClientMessageId];

    /// <inheritdoc />
    protected override IdempotencyConflictException Restore(object?[] values, Exception? inner) => new((ConversationId)values[0]!, (string)values[1]!);
}
