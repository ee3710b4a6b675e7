using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using LiveChat.Core.Internal;
using LiveChat.Core.Json;

namespace LiveChat.Core.Agents;

/// <summary>Identifies an agent (a user of the host application) within a workspace.</summary>
/// <remarks>The value is the host's own user id. Immutable and thread-safe.</remarks>
[JsonConverter(typeof(LiveChatIdJsonConverter<AgentId>))]
public readonly record struct AgentId : ISpanParsable<AgentId>
{
    /// <summary>The longest agent id accepted.</summary>
    public const int MaxLength = 128;

    /// <summary>Creates an agent id.</summary>
    /// <param name="value">The host's user id: not empty, at most <see cref="MaxLength"/> characters.</param>
    /// <exception cref="ArgumentException">The value is empty, white space or too long.</exception>
    public AgentId(string value) => Value = Guard.NotNullOrWhiteSpace(value, MaxLength);

    /// <summary>The host's user id.</summary>
    public string Value { get; }

    internal bool IsDefault => Value is null;

    /// <summary>The value: the one string form, which <see cref="Parse(string, IFormatProvider?)"/> reads back.</summary>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Reads an id from its string form, for example a route value such as <c>{agentId}</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="FormatException">The text is empty, white space, longer than <see cref="MaxLength"/> or not storable text.</exception>
    public static AgentId Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, provider, out var id) ? id : throw new FormatException($"Not a valid AgentId: 1 to {MaxLength} characters, not white space.");
    }

    /// <summary>Reads an id from its string form without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out AgentId result)
    {
        result = Guard.IsValidText(s, MaxLength) ? new(s) : default;
        return s is not null && !result.IsDefault;
    }

    /// <inheritdoc cref="Parse(string, IFormatProvider?)" />
    public static AgentId Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s.ToString(), provider);

    /// <inheritdoc cref="TryParse(string?, IFormatProvider?, out AgentId)" />
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out AgentId result) => TryParse(s.ToString(), provider, out result);
}
