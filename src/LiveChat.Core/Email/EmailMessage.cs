using System.Collections.Immutable;

namespace LiveChat.Core.Email;

/// <summary>
/// One e-mail, ready for an <see cref="IEmailTransport"/>: sender, recipient, subject and both an HTML and a plain text
/// part (features E5, E6). Immutable.
/// </summary>
/// <remarks>
/// <see cref="MessageId"/> is stable for one outbox entry, so a retry after an unclear failure carries the same id and a
/// receiving server or mail client can recognise the copy.
/// </remarks>
public sealed record EmailMessage
{
    /// <summary>The Message-Id header, without angle brackets, such as <c>transcript.0193….1@example.com</c>.</summary>
    public required string MessageId { get; init; }

    /// <summary>The sender: the workspace's admin address.</summary>
    public required EmailAddress From { get; init; }

    /// <summary>The recipient: the visitor.</summary>
    public required EmailAddress To { get; init; }

    /// <summary>The subject, one line without control characters.</summary>
    public required string Subject { get; init; }

    /// <summary>The HTML part; every visitor- and agent-supplied value in it is HTML-encoded.</summary>
    public required string HtmlBody { get; init; }

    /// <summary>The plain text part.</summary>
    public required string TextBody { get; init; }

    /// <summary>Further headers, such as <c>Auto-Submitted</c>; values are single lines.</summary>
    public ImmutableDictionary<string, string> Headers { get; init; } = ImmutableDictionary<string, string>.Empty;
}
