using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using LiveChat.Core.Internal;
using LiveChat.Core.Json;

namespace LiveChat.Core;

/// <summary>
/// Identifies a workspace (a tenant of the host application). Every operation of the SDK is scoped to one workspace,
/// and nothing of one workspace is visible from another.
/// </summary>
/// <remarks>
/// The value is chosen by the host (its tenant key): 1 to <see cref="MaxLength"/> (128) characters, not empty or white
/// space, compared ordinally; a longer or blank value is refused with <see cref="ArgumentException"/> by the constructor
/// and with <see cref="FormatException"/> by <see cref="Parse(string, IFormatProvider?)"/>. Other ids have their own
/// limits (<c>AgentId.MaxLength</c> 128, <c>TeamId.MaxLength</c> 64). Immutable and thread-safe.
/// </remarks>
[JsonConverter(typeof(LiveChatIdJsonConverter<WorkspaceId>))]
public readonly record struct WorkspaceId : ISpanParsable<WorkspaceId>
{
    /// <summary>The longest workspace id accepted.</summary>
    public const int MaxLength = 128;

    /// <summary>Creates a workspace id.</summary>
    /// <param name="value">The host's tenant key: not empty, at most <see cref="MaxLength"/> characters.</param>
    /// <exception cref="ArgumentException">The value is empty, white space or too long.</exception>
    public WorkspaceId(string value) => Value = Guard.NotNullOrWhiteSpace(value, MaxLength);

    /// <summary>The host's tenant key.</summary>
    public string Value { get; }

    internal bool IsDefault => Value is null;

    /// <summary>The value: the one string form, which <see cref="Parse(string, IFormatProvider?)"/> reads back.</summary>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Reads an id from its string form, for example a route value such as <c>{workspace}</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="FormatException">The text is empty, white space, longer than <see cref="MaxLength"/> or not storable text.</exception>
    public static WorkspaceId Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, provider, out var id) ? id : throw new FormatException($"Not a valid WorkspaceId: 1 to {MaxLength} characters, not white space.");
    }

    /// <summary>Reads an id from its string form without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out WorkspaceId result)
    {
        result = Guard.IsValidText(s, MaxLength) ? new(s) : default;
        return s is not null && !result.IsDefault;
    }

    /// <inheritdoc cref="Parse(string, IFormatProvider?)" />
    public static WorkspaceId Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s.ToString(), provider);

    /// <inheritdoc cref="TryParse(string?, IFormatProvider?, out WorkspaceId)" />
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out WorkspaceId result) => TryParse(s.ToString(), provider, out result);
}
