using LiveChat.Core;
using LiveChat.Core.Identity;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="IdentifierNotLinkedException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class IdentifierNotLinkedExceptionConverter : ExceptionConverter<IdentifierNotLinkedException>
{
    /// <inheritdoc />
    protected override object?[] Values(IdentifierNotLinkedException exception) => [exception.ContactId, exception.Kind];

    /// <inheritdoc />
    protected override IdentifierNotLinkedException Restore(object?[] values, Exception? inner) => new((ContactId)values[0]!, (IdentifierKind)values[1]!);
}
