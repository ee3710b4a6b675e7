using LiveChat.Core;
using LiveChat.Core.Identity;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="InvalidIdentifierException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class InvalidIdentifierExceptionConverter : ExceptionConverter<InvalidIdentifierException>
{
    /// <inheritdoc />
    protected override object?[] Values(InvalidIdentifierException exception) => [exception.Kind, exception.Problem];

    /// <inheritdoc />
    protected override InvalidIdentifierException Restore(object?[] values, Exception? inner) => new((IdentifierKind)values[0]!, (string)values[1]!);
}
