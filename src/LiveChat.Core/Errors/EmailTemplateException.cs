using System.Collections.Immutable;
using LiveChat.Core.Email;

namespace LiveChat.Core;

/// <summary>
/// An e-mail template was refused at registration (feature E5): it does not parse, or it names a placeholder the e-mail
/// model does not have. Lists every defect at once. Nothing was registered.
/// </summary>
public sealed class EmailTemplateException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public EmailTemplateException(EmailKind kind, string language, IReadOnlyList<string> problems, IReadOnlyList<string> unknownPlaceholders)
        : base($"The {kind} template for \"{language}\" was refused: {string.Join("; ", problems)}")
    {
        Kind = kind;
        Language = language;
        Problems = [.. problems];
        UnknownPlaceholders = [.. unknownPlaceholders];
    }

    /// <summary>The kind of e-mail the template was for.</summary>
    public EmailKind Kind { get; }

    /// <summary>The template's language.</summary>
    public string Language { get; }

    /// <summary>Every defect, each naming the part (subject, html, text) it was found in.</summary>
    public ImmutableArray<string> Problems { get; }

    /// <summary>The placeholders the model does not have, such as <c>visitor.password</c>.</summary>
    public ImmutableArray<string> UnknownPlaceholders { get; }
}
