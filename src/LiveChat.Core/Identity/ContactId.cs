namespace LiveChat.Core.Identity;

/// <summary>Identifies a contact: one person as the identity graph knows them. Immutable.</summary>
/// <param name="Value">The id.</param>
public readonly record struct ContactId(Guid Value)
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}
