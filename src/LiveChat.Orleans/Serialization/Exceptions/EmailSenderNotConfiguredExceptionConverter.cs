using LiveChat.Core;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="EmailSenderNotConfiguredException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class EmailSenderNotConfiguredExceptionConverter : ExceptionConverter<EmailSenderNotConfiguredException>
{
    /// <inheritdoc />
    protected override object?[] Values(EmailSenderNotConfiguredException exception) => [exception.Workspace];

    /// <inheritdoc />
    protected override EmailSenderNotConfiguredException Restore(object?[] values, Exception? inner) => new((WorkspaceId)values[0]!);
}
