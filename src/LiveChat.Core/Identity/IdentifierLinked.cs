namespace LiveChat.Core.Identity;

/// <summary>An identifier was linked to a contact.</summary>
/// <param name="Contact">The contact.</param>
/// <param name="Link">The link.</param>
public sealed record IdentifierLinked(ContactId Contact, LinkedIdentifier Link) : IdentityEvent
{
    /// <inheritdoc />
    public override bool Concerns(ContactId contact) => Contact == contact;

    internal override IdentityEvent Redact(ErasureScope scope)
        => scope.Covers(Contact) ? this with { Link = Link with { Identifier = Link.Identifier.Redacted() } } : this;
}
