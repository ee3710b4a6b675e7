using LiveChat.Core.Internal;

namespace LiveChat.Core;

/// <summary>
/// Identifies a workspace (a tenant of the host application). Every operation of the SDK is scoped to one workspace,
/// and nothing of one workspace is visible from another.
/// </summary>
/// <remarks>The value is chosen by the host (its tenant key). Immutable and thread-safe.</remarks>
public readonly record struct WorkspaceId
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

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
