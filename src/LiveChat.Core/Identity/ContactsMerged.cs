using System.Collections.Immutable;
using LiveChat.Core.Crm;

namespace LiveChat.Core.Identity;

/// <summary>
/// Two contacts were merged. The absorbed contact is kept as it was, marked merged, and the event lists exactly what
/// moved, so that <see cref="MergeUndone"/> can put everything back.
/// </summary>
/// <param name="Survivor">The contact that remains.</param>
/// <param name="Absorbed">The contact merged into it.</param>
/// <param name="MovedIdentifiers">Identifiers the survivor gained.</param>
/// <param name="MovedConversations">Conversations the survivor gained.</param>
/// <param name="FilledFields">Fields the survivor lacked and took from the absorbed contact.</param>
/// <param name="MovedCrmRecord">The absorbed contact's CRM record, when the survivor had none.</param>
public sealed record ContactsMerged(
    ContactId Survivor,
    ContactId Absorbed,
    ImmutableArray<LinkedIdentifier> MovedIdentifiers,
    ImmutableArray<ContactConversation> MovedConversations,
    ImmutableArray<ContactField> FilledFields,
    CrmRecordId? MovedCrmRecord) : IdentityEvent
{
    /// <summary>
    /// What merging <paramref name="absorbed"/> into <paramref name="survivor"/> moves: identifiers and conversations the
    /// survivor lacks, trusted no more than <paramref name="cap"/> (an automatic merge on a typed value must not lend the
    /// survivor's history to a channel handle), fields it lacks, and the CRM record when it has none.
    /// </summary>
    internal static ContactsMerged Between(Contact survivor, Contact absorbed, VerificationLevel cap, DateTimeOffset now, string actor, string reason) => new(
        survivor.Id,
        absorbed.Id,
        [.. absorbed.Identifiers.Where(l => survivor.Find(l.Identifier) is null)
            .Select(l => l.Identifier.Verification > cap ? l with { Identifier = l.Identifier with { Verification = cap } } : l)],
        [.. absorbed.Conversations.Select(c => c.Verification > cap ? c with { Verification = cap } : c)],
        [.. absorbed.Fields.Where(f => survivor.Field(f.Name) is null)],
        survivor.CrmRecord is null ? absorbed.CrmRecord : null) { OccurredAt = now, Actor = actor, Reason = reason };

    /// <inheritdoc />
    public override bool Concerns(ContactId contact) => Survivor == contact || Absorbed == contact;

    internal override IdentityEvent Redact(ErasureScope scope) => scope.Covers(Survivor) || scope.Covers(Absorbed)
        ? this with
        {
            MovedIdentifiers = [.. MovedIdentifiers.Select(l => l with { Identifier = l.Identifier.Redacted() })],
            MovedConversations = [.. MovedConversations.Select(c => c.Via is { } via ? c with { Via = via.Redacted() } : c)],
            FilledFields = [.. FilledFields.Select(f => f with { Value = "erased" })],
        }
        : this;
}
