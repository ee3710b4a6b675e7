using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using LiveChat.Core.Json;

namespace LiveChat.Core.Identity;

/// <summary>Identifies a contact: one person as the identity graph knows them. Immutable.</summary>
/// <param name="Value">The id.</param>
[JsonConverter(typeof(LiveChatIdJsonConverter<ContactId>))]
public readonly record struct ContactId(Guid Value) : ISpanParsable<ContactId>
{
    /// <summary>Parses an id produced by <see cref="ToString"/>.</summary>
    /// <exception cref="FormatException">The text is not a Guid in the "D" format, or is the empty Guid.</exception>
    public static ContactId Parse(string text) => Parse(text, null);

    /// <summary>The one string form: the Guid in the "D" format (<c>0190a8e4-7b1c-7d2e-9f00-123456789abc</c>), for links and routes.</summary>
    public override string ToString() => Value.ToString("D");

    /// <summary>Reads an id from its string form, for example a route value such as <c>{contactId}</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a Guid in the "D" format, or is the empty Guid.</exception>
    public static ContactId Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan(), provider);
    }

    /// <summary>Reads an id from its string form without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ContactId result) => TryParse(s.AsSpan(), provider, out result);

    /// <inheritdoc cref="Parse(string, IFormatProvider?)" />
    public static ContactId Parse(ReadOnlySpan<char> s, IFormatProvider? provider)
        => TryParse(s, provider, out var id) ? id : throw new FormatException("Not a valid ContactId: a Guid in the \"D\" format, not the empty Guid.");

    /// <inheritdoc cref="TryParse(string?, IFormatProvider?, out ContactId)" />
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out ContactId result)
    {
        // Exactly the 36 characters of the "D" form: the Guid parser would also take them with white space around.
        result = s.Length == 36 && Guid.TryParseExact(s, "D", out var guid) && guid != Guid.Empty ? new(guid) : default;
        return result.Value != Guid.Empty;
    }
}
