using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using LiveChat.Core.Json;

namespace LiveChat.Core.Conversations;

/// <summary>
/// Identifies a conversation. Ids are unique across workspaces, but are only ever resolved within one. Its one string
/// form is the Guid's standard form with dashes ("D", such as <c>0193a1b2-…</c>), used in links, e-mails, CRM
/// references and messages alike (feature E4), and read back by <see cref="Parse(string, IFormatProvider?)"/>.
/// </summary>
/// <param name="Value">The underlying Guid (version 7, so ids sort by creation time in a database index).</param>
[JsonConverter(typeof(LiveChatIdJsonConverter<ConversationId>))]
public readonly record struct ConversationId(Guid Value) : ISpanParsable<ConversationId>
{
    /// <summary>Parses an id in the form <see cref="ToString"/> writes: 32 hexadecimal digits in 8-4-4-4-12 groups.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text is not a Guid in the "D" format, or is the empty Guid.</exception>
    public static ConversationId Parse(string text) => Parse(text, null);

    /// <summary>The one string form: the Guid in the "D" format (<c>0190a8e4-7b1c-7d2e-9f00-123456789abc</c>), for links and routes.</summary>
    public override string ToString() => Value.ToString("D");

    /// <summary>Reads an id from its string form, for example a route value such as <c>{conversationId}</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a Guid in the "D" format, or is the empty Guid.</exception>
    public static ConversationId Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan(), provider);
    }

    /// <summary>Reads an id from its string form without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ConversationId result) => TryParse(s.AsSpan(), provider, out result);

    /// <inheritdoc cref="Parse(string, IFormatProvider?)" />
    public static ConversationId Parse(ReadOnlySpan<char> s, IFormatProvider? provider)
        => TryParse(s, provider, out var id) ? id : throw new FormatException("Not a valid ConversationId: a Guid in the \"D\" format, not the empty Guid.");

    /// <inheritdoc cref="TryParse(string?, IFormatProvider?, out ConversationId)" />
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out ConversationId result)
    {
        // Exactly the 36 characters of the "D" form: the Guid parser would also take them with white space around.
        result = s.Length == 36 && Guid.TryParseExact(s, "D", out var guid) && guid != Guid.Empty ? new(guid) : default;
        return result.Value != Guid.Empty;
    }
}
