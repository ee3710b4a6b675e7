namespace LiveChat.Core.Identity;

/// <summary>A contact was erased on a privacy request (feature X9); only anonymous counts remain.</summary>
/// <param name="Contact">The contact.</param>
/// <param name="Summary">The counts kept.</param>
public sealed record ContactErased(ContactId Contact, ErasureSummary Summary) : IdentityEvent
{
    /// <inheritdoc />
    public override bool Concerns(ContactId contact) => Contact == contact;

    internal override IdentityEvent Redact(ErasureScope scope) => this;
}
