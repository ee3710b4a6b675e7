using LiveChat.Core;
using LiveChat.Core.Conversations;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>
/// Carries <see cref="ConversationEndedException"/> across grain boundaries with its values; the trigger, an enum in an
/// object slot, arrives boxed as its number, so it is unboxed, not cast to a nullable.
/// </summary>
[RegisterConverter]
internal sealed class ConversationEndedExceptionConverter : ExceptionConverter<ConversationEndedException>
{
    /// <inheritdoc />
    protected override object?[] Values(ConversationEndedException exception) => [exception.ConversationId, exception.Trigger];

    /// <inheritdoc />
    protected override ConversationEndedException Restore(object?[] values, Exception? inner) => new((ConversationId)values[0]!, values[1] is { } trigger ? (ConversationTrigger)trigger : null);
}
