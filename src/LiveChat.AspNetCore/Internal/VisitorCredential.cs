using System.Globalization;
using LiveChat.Core.Conversations;

namespace LiveChat.AspNetCore.Internal;

/// <summary>
/// A visitor's credential as it travels in the cookie or the <c>Authorization: Bearer</c> header: the conversation id and
/// the visitor token, joined by a dot (the token is base64url, which has no dot). Never logged: <see cref="ToString"/> is redacted.
/// </summary>
internal readonly record struct VisitorCredential(ConversationId ConversationId, VisitorToken Token)
{
    public string Encode() => $"{ConversationId}.{Token.Value}";

    public override string ToString() => "VisitorCredential(redacted)";

    public static VisitorCredential? TryDecode(string? text)
    {
        var dot = text?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        return dot > 0 && dot < text!.Length - 1 && text.Length <= 200
            && ConversationId.TryParse(text.AsSpan(0, dot), CultureInfo.InvariantCulture, out var id)
                ? new VisitorCredential(id, new VisitorToken(text[(dot + 1)..]))
                : null;
    }
}
