namespace LiveChat.Core.Identity;

/// <summary>A conversation was attached to a contact (feature I2).</summary>
/// <param name="Contact">The contact.</param>
/// <param name="Conversation">The attachment.</param>
public sealed record ConversationAttached(ContactId Contact, ContactConversation Conversation) : IdentityEvent
{
    /// <inheritdoc />
    public override bool Concerns(ContactId contact) => Contact == contact;

    internal override IdentityEvent Redact(ErasureScope scope)
        => scope.Covers(Contact) && Conversation.Via is { } via ? this with { Conversation = Conversation with { Via = via.Redacted() } } : this;
}
