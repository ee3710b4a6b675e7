namespace LiveChat.Core.Identity;

/// <summary>A field was filled in (feature I3), or corrected by someone who named themselves and a reason.</summary>
/// <param name="Contact">The contact.</param>
/// <param name="Field">The new value with its source.</param>
/// <param name="Previous">The value it replaced; <see langword="null"/> when the field was empty, as automatic enrichment requires.</param>
public sealed record FieldRecorded(ContactId Contact, ContactField Field, ContactField? Previous) : IdentityEvent
{
    /// <inheritdoc />
    public override bool Concerns(ContactId contact) => Contact == contact;

    internal override IdentityEvent Redact(ErasureScope scope)
        => scope.Covers(Contact) ? this with { Field = Field with { Value = "erased" }, Previous = Previous is null ? null : Previous with { Value = "erased" } } : this;
}
