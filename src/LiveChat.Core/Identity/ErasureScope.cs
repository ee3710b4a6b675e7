using LiveChat.Core.Conversations;

namespace LiveChat.Core.Identity;

/// <summary>The contacts and conversations an erasure removes personal data from.</summary>
internal sealed class ErasureScope(IReadOnlySet<ContactId> contacts, IReadOnlySet<ConversationId> conversations)
{
    public IReadOnlySet<ContactId> Contacts { get; } = contacts;

    public IReadOnlySet<ConversationId> Conversations { get; } = conversations;

    public bool Covers(ContactId contact) => Contacts.Contains(contact);

    public bool Covers(ConversationId conversation) => Conversations.Contains(conversation);
}
