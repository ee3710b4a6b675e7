using LiveChat.Core.Identity;

namespace LiveChat.Core;

/// <summary>The identifier to detach is not linked to the contact.</summary>
public sealed class IdentifierNotLinkedException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public IdentifierNotLinkedException(ContactId contactId, IdentifierKind kind)
        : base($"Contact {contactId} has no such {kind} identifier.")
    {
        ContactId = contactId;
        Kind = kind;
    }

    /// <summary>The contact.</summary>
    public ContactId ContactId { get; }

    /// <summary>The kind of identifier that is not linked.</summary>
    public IdentifierKind Kind { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.NotFound;
}
