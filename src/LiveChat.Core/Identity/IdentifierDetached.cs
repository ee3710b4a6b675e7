using System.Collections.Immutable;
using LiveChat.Core.Conversations;

namespace LiveChat.Core.Identity;

/// <summary>
/// A wrong identifier was detached from a contact (feature I5), with the conversations it had attached and the fields
/// they had filled. A tombstone keeps it from attaching to that contact again.
/// </summary>
/// <param name="Contact">The contact.</param>
/// <param name="Identifier">The identifier detached.</param>
/// <param name="DetachedConversations">Conversations attached through it, now detached.</param>
/// <param name="RemovedFields">Fields those conversations had filled, now removed.</param>
public sealed record IdentifierDetached(
    ContactId Contact, ContactIdentifier Identifier, ImmutableArray<ConversationId> DetachedConversations, ImmutableArray<string> RemovedFields) : IdentityEvent
{
    /// <inheritdoc />
    public override bool Concerns(ContactId contact) => Contact == contact;

    internal override IdentityEvent Redact(ErasureScope scope) => scope.Covers(Contact) ? this with { Identifier = Identifier.Redacted() } : this;
}
