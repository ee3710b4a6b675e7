namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>
/// Carries <see cref="ArgumentException"/> across grain boundaries with its message and parameter name (Orleans' own
/// exception codec keeps the message but loses <see cref="ArgumentException.ParamName"/>).
/// </summary>
[RegisterConverter]
internal sealed class ArgumentExceptionConverter : ExceptionConverter<ArgumentException>
{
    /// <inheritdoc />
    protected override object?[] Values(ArgumentException exception) => [OwnMessage(exception.Message, exception.ParamName), exception.ParamName];

    /// <inheritdoc />
    protected override ArgumentException Restore(object?[] values, Exception? inner) => new((string?)values[0], (string?)values[1], inner);

    /// <summary>
    /// The message as given to the constructor: <see cref="ArgumentException.Message"/> without the parameter's suffix,
    /// which the constructor adds again (in the runtime's language, so it is taken from the runtime, not written here).
    /// </summary>
    internal static string OwnMessage(string message, string? paramName)
    {
        if (string.IsNullOrEmpty(paramName))
        {
            return message;
        }

        var suffix = new ArgumentException(string.Empty, paramName).Message;
        return message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }
}
