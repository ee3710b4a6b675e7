using LiveChat.Core.Internal;

namespace LiveChat.Core.Agents;

/// <summary>Identifies an agent (a user of the host application) within a workspace.</summary>
/// <remarks>The value is the host's own user id. Immutable and thread-safe.</remarks>
public readonly record struct AgentId
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

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
