using LiveChat.Core.Conversations;

namespace LiveChat.Core.Identity;

/// <summary>A contact was created, usually because a conversation matched nobody (feature I4).</summary>
/// <param name="Contact">The new contact.</param>
/// <param name="ConversationId">The conversation it was created for, if any.</param>
public sealed record ContactCreated(ContactId Contact, ConversationId? ConversationId) : IdentityEvent
{
    /// <inheritdoc />
    public override bool Concerns(ContactId contact) => Contact == contact;

    internal override IdentityEvent Redact(ErasureScope scope) => this;
}
