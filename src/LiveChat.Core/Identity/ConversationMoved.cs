using System.Collections.Immutable;

namespace LiveChat.Core.Identity;

/// <summary>
/// Chat tracking moved a conversation to another contact (issue 12, kinds 3 and 5; features I2, I6): it had been
/// attached on a self-asserted match, and what the conversation said later contradicts that contact (another first
/// name, another personal e-mail, another messaging-app id). The event lists exactly what left <see cref="From"/> and
/// what <see cref="To"/> gained, so that <see cref="ConversationMoveUndone"/> puts everything back. Nothing of
/// <see cref="From"/>'s own (its other identifiers, fields, conversations or CRM record) moves. Immutable.
/// </summary>
/// <param name="From">The contact the conversation was on.</param>
/// <param name="To">The contact it is on now; created in the same write when nothing else matched.</param>
/// <param name="Previous">The attachment as it was on <see cref="From"/>.</param>
/// <param name="Conversation">The attachment on <see cref="To"/>.</param>
/// <param name="LeftIdentifiers">Identifiers this conversation had brought to <see cref="From"/>, removed from it.</param>
/// <param name="MovedIdentifiers">
/// The same identifiers as <see cref="To"/> gained them (those it lacked), trusted as this conversation's own evidence
/// now proves them rather than as the match that was contradicted.
/// </param>
/// <param name="LeftFields">Fields this conversation had filled on <see cref="From"/>, removed from it.</param>
/// <param name="MovedFields">The same fields as <see cref="To"/> gained them (those it lacked).</param>
public sealed record ConversationMoved(
    ContactId From,
    ContactId To,
    ContactConversation Previous,
    ContactConversation Conversation,
    ImmutableArray<LinkedIdentifier> LeftIdentifiers,
    ImmutableArray<LinkedIdentifier> MovedIdentifiers,
    ImmutableArray<ContactField> LeftFields,
    ImmutableArray<ContactField> MovedFields) : IdentityEvent
{
    /// <inheritdoc />
    public override bool Concerns(ContactId contact) => From == contact || To == contact;

    /// <summary>
    /// Each side is redacted as the entries that built it are: what left <see cref="From"/> when it is erased, what
    /// <see cref="To"/> gained when it is, so that a replay of the redacted log rebuilds the contact that was not erased.
    /// </summary>
    internal override IdentityEvent Redact(ErasureScope scope)
    {
        var moved = this;
        if (scope.Covers(From))
        {
            moved = moved with
            {
                Previous = Previous.Via is { } before ? Previous with { Via = before.Redacted() } : Previous,
                LeftIdentifiers = [.. LeftIdentifiers.Select(l => l with { Identifier = l.Identifier.Redacted() })],
                LeftFields = [.. LeftFields.Select(f => f with { Value = "erased" })],
            };
        }

        if (scope.Covers(To))
        {
            moved = moved with
            {
                Conversation = Conversation.Via is { } via ? Conversation with { Via = via.Redacted() } : Conversation,
                MovedIdentifiers = [.. MovedIdentifiers.Select(l => l with { Identifier = l.Identifier.Redacted() })],
                MovedFields = [.. MovedFields.Select(f => f with { Value = "erased" })],
            };
        }

        return moved;
    }
}
