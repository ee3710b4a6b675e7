using LiveChat.Core;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="MessageTooLongException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class MessageTooLongExceptionConverter : ExceptionConverter<MessageTooLongException>
{
    /// <inheritdoc />
    protected override object?[] Values(MessageTooLongException exception) => [exception.Length, exception.MaxLength, exception.ParamName];

    /// <inheritdoc />
    protected override MessageTooLongException Restore(object?[] values, Exception? inner) => new((int)values[0]!, (int)values[1]!, (string?)values[2]);
}
