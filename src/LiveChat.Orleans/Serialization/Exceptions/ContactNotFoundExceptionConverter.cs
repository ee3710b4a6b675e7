using LiveChat.Core;
using LiveChat.Core.Identity;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="ContactNotFoundException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class ContactNotFoundExceptionConverter : ExceptionConverter<ContactNotFoundException>
{
    /// <inheritdoc />
    protected override object?[] Values(ContactNotFoundException exception) => [exception.Workspace, exception.ContactId];

    /// <inheritdoc />
    protected override ContactNotFoundException Restore(object?[] values, Exception? inner) => new((WorkspaceId)values[0]!, (ContactId)values[1]!);
}
