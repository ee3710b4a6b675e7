namespace LiveChat.Core.Conversations;

/// <summary>
/// Identifies a conversation. Ids are unique across workspaces, but are only ever resolved within one. Its one string
/// form is the Guid's standard form with dashes ("D", such as <c>0193a1b2-…</c>), used in links, e-mails, CRM
/// references and messages alike (feature E4).
/// </summary>
/// <param name="Value">The underlying Guid (version 7, so ids sort by creation time in a database index).</param>
public readonly record struct ConversationId(Guid Value)
{
    /// <summary>Parses an id in the form <see cref="ToString"/> writes: 32 hexadecimal digits in 8-4-4-4-12 groups.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text is not a Guid in that form.</exception>
    public static ConversationId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(Guid.ParseExact(text.Trim(), "D"));
    }

    /// <summary>The id in its one string form, the Guid's standard "D" form with dashes.</summary>
    public override string ToString() => Value.ToString("D");
}
