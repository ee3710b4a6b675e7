using System.Collections.Immutable;
using LiveChat.Core.Conversations;

namespace LiveChat.Core.Identity;

/// <content>How each change entry transforms the graph: merges, moves, their undos, detaches and erasures.</content>
internal sealed partial class IdentityBook
{
    private void ApplyMerge(ContactsMerged e)
    {
        var survivor = _contacts[e.Survivor];
        var absorbed = _contacts[e.Absorbed];
        Put(absorbed with { MergedInto = e.Survivor });
        Put(survivor with
        {
            Identifiers = survivor.Identifiers.AddRange(e.MovedIdentifiers),
            Conversations = survivor.Conversations.AddRange(e.MovedConversations),
            Fields = survivor.Fields.AddRange(e.FilledFields),
            CrmRecord = survivor.CrmRecord ?? e.MovedCrmRecord,
        });
        _suggestions.RemoveAll(s => (s.Contact == e.Survivor && s.Other == e.Absorbed) || (s.Contact == e.Absorbed && s.Other == e.Survivor));
    }

    private void ApplyUndo(ContactsMerged merge)
    {
        var survivor = _contacts[merge.Survivor];
        var movedConversations = merge.MovedConversations.Select(c => c.ConversationId).ToHashSet();
        Put(survivor with
        {
            Identifiers = [.. survivor.Identifiers.Where(l => !merge.MovedIdentifiers.Contains(l))],
            Conversations = [.. survivor.Conversations.Where(c => !movedConversations.Contains(c.ConversationId))],
            Fields = [.. survivor.Fields.Where(f => !merge.FilledFields.Contains(f))],
            CrmRecord = merge.MovedCrmRecord is not null && survivor.CrmRecord == merge.MovedCrmRecord ? null : survivor.CrmRecord,
        });
        Put(_contacts[merge.Absorbed] with { MergedInto = null });
    }

    private void ApplyMove(ConversationMoved e)
        => Transfer((e.From, e.LeftIdentifiers, e.Previous, e.LeftFields), (e.To, e.MovedIdentifiers, e.Conversation, e.MovedFields));

    private void ApplyMoveUndo(ConversationMoved move)
        => Transfer((move.To, move.MovedIdentifiers, move.Conversation, move.MovedFields), (move.From, move.LeftIdentifiers, move.Previous, move.LeftFields));

    /// <summary>One conversation, with the identifiers and fields that go with it, leaves one contact for another.</summary>
    private void Transfer(
        (ContactId Id, ImmutableArray<LinkedIdentifier> Identifiers, ContactConversation Conversation, ImmutableArray<ContactField> Fields) lose,
        (ContactId Id, ImmutableArray<LinkedIdentifier> Identifiers, ContactConversation Conversation, ImmutableArray<ContactField> Fields) gain)
    {
        var loser = _contacts[lose.Id];
        Put(loser with
        {
            Identifiers = [.. loser.Identifiers.Where(l => !lose.Identifiers.Contains(l))],
            Conversations = loser.Conversations.Remove(lose.Conversation),
            Fields = [.. loser.Fields.Where(f => !lose.Fields.Contains(f))],
        });
        var gainer = _contacts[gain.Id];
        Put(gainer with
        {
            Identifiers = gainer.Identifiers.AddRange(gain.Identifiers),
            Conversations = gainer.Conversations.Add(gain.Conversation),
            Fields = gain.Fields.Aggregate(gainer.Fields, WithField),
        });
    }

    /// <summary>
    /// The conversations <paramref name="contact"/> lists that are still its own: a merged contact keeps its list, and a
    /// conversation it lists may have moved on to someone else since (re-resolved after a detach), whose data it is now.
    /// </summary>
    private HashSet<ConversationId> StillOn(ContactId contact)
        => [.. _contacts[contact].Conversations.Select(c => c.ConversationId)
            .Where(c => !_byConversation.TryGetValue(c, out var owner) || owner == contact || owner == _contacts[contact].MergedInto)];

    private void ApplyDetach(IdentifierDetached e)
    {
        var contact = _contacts[e.Contact];
        var detached = e.DetachedConversations.ToHashSet();
        var removedFields = e.RemovedFields.ToHashSet(StringComparer.Ordinal);
        Put(contact with
        {
            Identifiers = [.. contact.Identifiers.Where(l => !l.Identifier.SameAs(e.Identifier))],
            Conversations = [.. contact.Conversations.Where(c => !detached.Contains(c.ConversationId))],
            Fields = [.. contact.Fields.Where(f => !removedFields.Contains(f.Name))],
        });
        _tombstones.Add((e.Identifier.Key, e.Contact));
    }

    private void ApplyErasure(ContactErased e)
    {
        var contact = _contacts[e.Contact];
        foreach (var conversation in StillOn(e.Contact))
        {
            _observed.Remove(conversation);
        }

        Put(contact with { Identifiers = [], Conversations = [], Fields = [], CrmRecord = null, Erasure = e.Summary });
        _tombstones.RemoveWhere(t => t.Contact == e.Contact);
    }
}
