namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="ArgumentNullException"/> across grain boundaries with its message and parameter name.</summary>
[RegisterConverter]
internal sealed class ArgumentNullExceptionConverter : ExceptionConverter<ArgumentNullException>
{
    /// <inheritdoc />
    protected override object?[] Values(ArgumentNullException exception)
        => [exception.ParamName, ArgumentExceptionConverter.OwnMessage(exception.Message, exception.ParamName)];

    /// <inheritdoc />
    protected override ArgumentNullException Restore(object?[] values, Exception? inner) => new((string?)values[0], (string?)values[1]);
}
