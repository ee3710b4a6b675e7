using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using LiveChat.Core.Internal;
using LiveChat.Core.Json;

namespace LiveChat.Core.Routing;

/// <summary>Identifies a team of agents within a workspace, such as <c>sales</c> or <c>support</c> (feature R4).</summary>
/// <remarks>The value is the host's own team key, compared ordinally. Immutable and thread-safe.</remarks>
[JsonConverter(typeof(LiveChatIdJsonConverter<TeamId>))]
public readonly record struct TeamId : ISpanParsable<TeamId>
{
    /// <summary>The longest team id accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>Creates a team id.</summary>
    /// <param name="value">The host's team key: not empty, at most <see cref="MaxLength"/> characters.</param>
    /// <exception cref="ArgumentException">The value is empty, white space or too long.</exception>
    public TeamId(string value) => Value = Guard.NotNullOrWhiteSpace(value, MaxLength);

    /// <summary>The host's team key.</summary>
    public string Value { get; }

    internal bool IsDefault => Value is null;

    /// <summary>The value: the one string form, which <see cref="Parse(string, IFormatProvider?)"/> reads back.</summary>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Reads an id from its string form, for example a route value such as <c>{teamId}</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="FormatException">The text is empty, white space, longer than <see cref="MaxLength"/> or not storable text.</exception>
    public static TeamId Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, provider, out var id) ? id : throw new FormatException($"Not a valid TeamId: 1 to {MaxLength} characters, not white space.");
    }

    /// <summary>Reads an id from its string form without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out TeamId result)
    {
        result = Guard.IsValidText(s, MaxLength) ? new(s) : default;
        return s is not null && !result.IsDefault;
    }

    /// <inheritdoc cref="Parse(string, IFormatProvider?)" />
    public static TeamId Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s.ToString(), provider);

    /// <inheritdoc cref="TryParse(string?, IFormatProvider?, out TeamId)" />
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out TeamId result) => TryParse(s.ToString(), provider, out result);
}
