using LiveChat.Core.Conversations;

namespace LiveChat.Core.Identity;

/// <content>What a visitor may be shown of the contact their conversation is on (feature I6, X2).</content>
public sealed partial class IdentityService
{
    /// <summary>
    /// The conversations the visitor of <paramref name="conversationId"/> may see: the contact's other conversations
    /// only when this one is attached by proof from the channel or the host, never by something the visitor typed (I6).
    /// </summary>
    public ValueTask<IReadOnlyList<ConversationId>> GetVisitorHistoryAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
        => ReadAsync<IReadOnlyList<ConversationId>>(workspace, b => b.FindByConversation(conversationId) is { } contact
            ? [.. VisibleTo(contact, conversationId).Conversations.Select(c => c.ConversationId)]
            : [conversationId], cancellationToken);

    /// <summary>
    /// <paramref name="result"/> as a visitor may see it: the contact passes the same proof filter as the visitor's history,
    /// and without proof neither suggestions nor another person's current values are returned.
    /// </summary>
    internal static IdentifyResult VisibleToVisitor(IdentifyResult result, ConversationId conversationId)
        => result with
        {
            Contact = result.Contact is { } contact ? VisibleTo(contact, conversationId) : null,
            Suggestions = [],
            ProposedChanges = result.HistoryVisibleToVisitor ? result.ProposedChanges : [],
        };

    /// <summary>
    /// The proof filter: with a channel- or host-proven attachment, the contact with its proven conversations only; with a
    /// typed one, only what this conversation itself brought (its identifiers and fields, and the CRM record when the contact was
    /// created for it), as if the contact were new.
    /// </summary>
    private static Contact VisibleTo(Contact contact, ConversationId conversationId)
    {
        var own = contact.Conversations.FirstOrDefault(c => c.ConversationId == conversationId);
        if (own is null)
        {
            return contact with { Identifiers = [], Conversations = [], Fields = [], CrmRecord = null };
        }

        if (own.Verification >= VerificationLevel.ChannelAsserted)
        {
            return contact with { Conversations = [.. contact.Conversations.Where(c => c == own || c.Verification >= VerificationLevel.ChannelAsserted)] };
        }

        var source = FieldSource(conversationId);
        return contact with
        {
            Identifiers = [.. contact.Identifiers.Where(l => l.Source == conversationId)],
            Conversations = [own],
            Fields = [.. contact.Fields.Where(f => f.Source == source)],
            CrmRecord = own.Via is null ? contact.CrmRecord : null,
        };
    }
}
