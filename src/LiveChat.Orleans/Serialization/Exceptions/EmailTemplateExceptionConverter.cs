using LiveChat.Core;
using LiveChat.Core.Email;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="EmailTemplateException"/> across grain boundaries with its values (the lists as arrays).</summary>
[RegisterConverter]
internal sealed class EmailTemplateExceptionConverter : ExceptionConverter<EmailTemplateException>
{
    /// <inheritdoc />
    protected override object?[] Values(EmailTemplateException exception)
        => [exception.Kind, exception.Language, exception.Problems.ToArray(), exception.UnknownPlaceholders.ToArray()];

    /// <inheritdoc />
    protected override EmailTemplateException Restore(object?[] values, Exception? inner)
        => new((EmailKind)values[0]!, (string)values[1]!, (string[])values[2]!, (string[])values[3]!);
}
