using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using LiveChat.Core.Internal;
using LiveChat.Core.Json;

namespace LiveChat.Core.Crm;

/// <summary>Identifies a record in the CRM: its id there. Immutable.</summary>
/// <param name="Value">The CRM's id.</param>
[JsonConverter(typeof(LiveChatIdJsonConverter<CrmRecordId>))]
public readonly record struct CrmRecordId(string Value) : ISpanParsable<CrmRecordId>
{
    /// <summary>The longest record id <see cref="Parse(string, IFormatProvider?)"/> accepts.</summary>
    public const int MaxLength = 256;

    /// <summary>The CRM's id: the one string form.</summary>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Reads an id from its string form, for example a route value such as <c>{recordId}</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="FormatException">The text is empty, white space, longer than <see cref="MaxLength"/> or not storable text.</exception>
    public static CrmRecordId Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, provider, out var id) ? id : throw new FormatException($"Not a valid CrmRecordId: 1 to {MaxLength} characters, not white space.");
    }

    /// <summary>Reads an id from its string form without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out CrmRecordId result)
    {
        var valid = Guard.IsValidText(s, MaxLength);
        result = valid ? new(s!) : default;
        return valid;
    }

    /// <inheritdoc cref="Parse(string, IFormatProvider?)" />
    public static CrmRecordId Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s.ToString(), provider);

    /// <inheritdoc cref="TryParse(string?, IFormatProvider?, out CrmRecordId)" />
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out CrmRecordId result) => TryParse(s.ToString(), provider, out result);
}
