using LiveChat.Core;
using LiveChat.Core.Conversations;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="NoEmailAddressException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class NoEmailAddressExceptionConverter : ExceptionConverter<NoEmailAddressException>
{
    /// <inheritdoc />
    protected override object?[] Values(NoEmailAddressException exception) => [exception.ConversationId];

    /// <inheritdoc />
    protected override NoEmailAddressException Restore(object?[] values, Exception? inner) => new((ConversationId)values[0]!);
}
