using LiveChat.Core.Crm;

namespace LiveChat.Core.Identity;

/// <summary>A contact was filed under a CRM record: a lead created for it, or a record found in the CRM.</summary>
/// <param name="Contact">The contact.</param>
/// <param name="Record">The CRM record.</param>
public sealed record CrmRecordLinked(ContactId Contact, CrmRecordId Record) : IdentityEvent
{
    /// <inheritdoc />
    public override bool Concerns(ContactId contact) => Contact == contact;

    internal override IdentityEvent Redact(ErasureScope scope) => this;
}
