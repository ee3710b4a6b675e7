using LiveChat.Core;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="InvalidEmailAddressException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class InvalidEmailAddressExceptionConverter : ExceptionConverter<InvalidEmailAddressException>
{
    /// <inheritdoc />
    protected override object?[] Values(InvalidEmailAddressException exception) => [exception.Address, exception.Problem, exception.ParamName];

    /// <inheritdoc />
    protected override InvalidEmailAddressException Restore(object?[] values, Exception? inner) => new((string?)values[0], (string)values[1]!, (string?)values[2]);
}
