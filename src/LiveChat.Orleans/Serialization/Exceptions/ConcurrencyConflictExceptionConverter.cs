using LiveChat.Core;
using LiveChat.Core.Conversations;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="ConcurrencyConflictException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class ConcurrencyConflictExceptionConverter : ExceptionConverter<ConcurrencyConflictException>
{
    /// <inheritdoc />
    protected override object?[] Values(ConcurrencyConflictException exception) => [exception.ConversationId, exception.ExpectedVersion, exception.ActualVersion];

    /// <inheritdoc />
    protected override ConcurrencyConflictException Restore(object?[] values, Exception? inner) => new((ConversationId)values[0]!, (long)values[1]!, (long)values[2]!);
}
