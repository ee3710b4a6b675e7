using LiveChat.Core.Internal;

namespace LiveChat.Core.Routing;

/// <summary>Identifies a team of agents within a workspace, such as <c>sales</c> or <c>support</c> (feature R4).</summary>
/// <remarks>The value is the host's own team key, compared ordinally. Immutable and thread-safe.</remarks>
public readonly record struct TeamId
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

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
