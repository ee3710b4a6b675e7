using LiveChat.Core;
using LiveChat.Core.Conversations;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="InvalidConversationTransitionException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class InvalidConversationTransitionExceptionConverter : ExceptionConverter<InvalidConversationTransitionException>
{
    /// <inheritdoc />
    protected override object?[] Values(InvalidConversationTransitionException exception) => [exception.State, exception.Trigger];

    /// <inheritdoc />
    protected override InvalidConversationTransitionException Restore(object?[] values, Exception? inner) => new((ConversationState)values[0]!, (ConversationTrigger)values[1]!);
}
