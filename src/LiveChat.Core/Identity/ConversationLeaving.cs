using System.Collections.Immutable;
using LiveChat.Core.Conversations;

namespace LiveChat.Core.Identity;

/// <summary>
/// A conversation about to leave the contact chat tracking attached it to on a self-asserted match, because its own later
/// evidence contradicts that contact (issue 12, kinds 3 and 5). Tells apart what the conversation brought to the contact
/// (it leaves with the conversation) from what the contact holds of its own (it stays). Pure; call under the book's gate.
/// </summary>
internal sealed class ConversationLeaving(Contact origin, ContactConversation attachment)
{
    private readonly string _source = IdentityService.FieldSource(attachment.ConversationId);

    public ContactId From => origin.Id;

    /// <summary>The self-asserted value the conversation was attached on.</summary>
    public ContactIdentifier? Via => attachment.Via;

    /// <summary>The name this conversation recorded on the contact, if it was the one to name it.</summary>
    public string? OwnName => origin.Fields.FirstOrDefault(f => f.Name == "name" && f.Source == _source)?.Value;

    /// <summary>The contact without what this conversation brought: what the conversation's evidence is checked against.</summary>
    public Contact Rest => origin with
    {
        Identifiers = [.. origin.Identifiers.Where(l => l.Source != attachment.ConversationId)],
        Fields = [.. origin.Fields.Where(f => f.Source != _source)],
    };

    /// <summary>The link of <paramref name="identifier"/> this conversation brought to the contact, if any.</summary>
    public LinkedIdentifier? Brought(ContactIdentifier identifier)
        => origin.Identifiers.FirstOrDefault(l => l.Source == attachment.ConversationId && l.Identifier.SameAs(identifier));

    /// <summary>
    /// The move to <paramref name="plan"/>'s target: the attachment, and what this conversation brought, trusted as the
    /// conversation gave it now and no more than the target's match (<see cref="IdentityPlan.LinkCap"/>). A value the target
    /// holds, or is tombstoned on, only leaves.
    /// </summary>
    public ConversationMoved MoveTo(IdentityBook book, IdentityPlan plan, ImmutableArray<ContactIdentifier> identifiers, DateTimeOffset now)
    {
        var left = origin.Identifiers.Where(l => l.Source == attachment.ConversationId).ToImmutableArray();
        var moved = ImmutableArray.CreateBuilder<LinkedIdentifier>();
        foreach (var link in left)
        {
            if (plan.Contact?.Find(link.Identifier) is not null || book.IsTombstoned(link.Identifier.Key, plan.Target)
                || book.Owners(link.Identifier.Key).Any(o => o != origin.Id && o != plan.Target))
            {
                continue;
            }

            var given = identifiers.FirstOrDefault(i => i.SameAs(link.Identifier))?.Verification ?? link.Identifier.Verification;
            var level = given < plan.LinkCap ? given : plan.LinkCap;
            moved.Add(link with { Identifier = link.Identifier with { Verification = level } });
        }

        var conversation = new ContactConversation(attachment.ConversationId, attachment.Channel, plan.Via, plan.ViaLevel, now);
        var fields = origin.Fields.Where(f => f.Source == _source).ToImmutableArray();
        return new ConversationMoved(
            origin.Id, plan.Target, attachment, conversation, left, moved.ToImmutable(), fields, [.. fields.Where(f => plan.Contact?.Field(f.Name) is null)])
        {
            OccurredAt = now,
            Actor = IdentityService.AutomaticActor,
            Reason = plan.Reason,
        };
    }
}
