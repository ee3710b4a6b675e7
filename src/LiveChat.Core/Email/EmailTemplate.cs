namespace LiveChat.Core.Email;

/// <summary>
/// The Liquid sources (rendered by Fluid) of one e-mail: subject, HTML part and text part (feature E5). Immutable.
/// </summary>
/// <remarks>
/// Values are HTML-encoded in the HTML part and inserted as they are in the subject and text part; the subject is then
/// cut to one line. The placeholders a template may use are listed in <see cref="EmailTemplateModel"/>.
/// </remarks>
/// <param name="Subject">The subject.</param>
/// <param name="Html">The HTML part.</param>
/// <param name="Text">The plain text part.</param>
public sealed record EmailTemplate(string Subject, string Html, string Text);
