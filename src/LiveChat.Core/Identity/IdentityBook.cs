using System.Collections.Immutable;
using LiveChat.Core.Conversations;

namespace LiveChat.Core.Identity;

/// <summary>
/// One workspace's identity graph: contacts, the identifier index, tombstones, suggestions and the append-only log.
/// State changes only through <see cref="Apply"/>, so replaying the log rebuilds exactly the same graph.
/// </summary>
/// <remarks>
/// Every member must be called under <see cref="Gate"/>. <see cref="Writer"/> serializes writers across their awaits
/// (CRM calls), so two conversations of one new person cannot both create a lead.
/// </remarks>
internal sealed partial class IdentityBook(WorkspaceId workspace)
{
    private readonly Dictionary<ContactId, Contact> _contacts = [];
    // Arrays, replaced on change: one pointer less to chase than a List on the identify hot path, and no shared mutation.
    private readonly Dictionary<IdentifierKey, ContactId[]> _owners = [];
    private readonly HashSet<(IdentifierKey Key, ContactId Contact)> _tombstones = [];
    private readonly Dictionary<ConversationId, ContactId> _byConversation = [];
    private readonly Dictionary<ConversationId, ConversationObserved> _observed = [];
    private readonly Dictionary<long, ContactsMerged> _activeMerges = [];
    private readonly Dictionary<long, ConversationMoved> _activeMoves = [];
    private readonly HashSet<(ConversationId Conversation, ContactId Contact)> _pinned = [];
    private readonly List<MergeSuggestion> _suggestions = [];
    private readonly List<IdentityEvent> _log = [];
    private readonly SortedSet<int> _redacted = [];

    public WorkspaceId Workspace { get; } = workspace;

    public object Gate { get; } = new();

    public SemaphoreSlim Writer { get; } = new(1, 1);

    public IdentitySettings Settings { get; set; } = IdentitySettings.Default;

    /// <summary>
    /// Whether a name is the one an unnamed visitor gets (<see cref="LiveChatOptions.DefaultVisitorName"/>, or the
    /// localized "Visitor"): not a name of anyone.
    /// </summary>
    public Func<string, bool> IsDefaultName { get; init; } = name => string.Equals(name, "Visitor", StringComparison.Ordinal);

    /// <summary>
    /// Set when a write failed after changing the graph, or lost a race to another writer: the graph may hold entries the
    /// store does not, so it is dropped and a new one is replayed from the store.
    /// </summary>
    public bool Invalid { get; set; }

    public long LastSequence => _log.Count;

    /// <summary>
    /// CRM records the current write created. Should the write fail or lose a race, they belong to no contact and are
    /// erased, so a retry never leaves a duplicate lead behind.
    /// </summary>
    public List<Crm.CrmRecordId> CreatedCrmRecords { get; } = [];

    public IReadOnlyList<IdentityEvent> Log => _log;

    public IReadOnlyCollection<Contact> Contacts => _contacts.Values;

    public IReadOnlyList<MergeSuggestion> Suggestions => _suggestions;

    public static IdentityBook Replay(WorkspaceId workspace, IEnumerable<IdentityEvent> log)
    {
        var book = new IdentityBook(workspace);
        foreach (var entry in log)
        {
            book.Apply(entry);
        }

        return book;
    }

    public Contact? Find(ContactId id) => _contacts.GetValueOrDefault(id);

    public Contact? FindByConversation(ConversationId conversation)
        => _byConversation.TryGetValue(conversation, out var id) ? _contacts[id] : null;

    public ConversationObserved? Observed(ConversationId conversation) => _observed.GetValueOrDefault(conversation);

    public ContactsMerged? ActiveMerge(long sequence) => _activeMerges.GetValueOrDefault(sequence);

    public IEnumerable<ContactsMerged> ActiveMergesInto(ContactId survivor) => _activeMerges.Values.Where(m => m.Survivor == survivor);

    public ConversationMoved? ActiveMove(long sequence) => _activeMoves.GetValueOrDefault(sequence);

    /// <summary>Whether an undo put <paramref name="conversation"/> back on <paramref name="contact"/>: chat tracking then leaves it there.</summary>
    public bool IsPinned(ConversationId conversation, ContactId contact) => _pinned.Contains((conversation, contact));

    /// <summary>
    /// Whether an open <see cref="SuggestionReason.ContradictingEvidence"/> suggestion names <paramref name="key"/>: two
    /// people stand behind the value (a household landline, a recycled number), so alone it proves neither.
    /// </summary>
    public bool IsDisputed(IdentifierKey key)
    {
        foreach (var suggestion in _suggestions)
        {
            if (suggestion.Reason == SuggestionReason.ContradictingEvidence && suggestion.Identifier?.Key == key)
            {
                return true;
            }
        }

        return false;
    }

    public bool IsTombstoned(IdentifierKey key, ContactId contact) => _tombstones.Contains((key, contact));

    /// <summary>Active contacts that hold <paramref name="key"/> as a matchable identifier.</summary>
    public IReadOnlyList<ContactId> Owners(IdentifierKey key) => _owners.TryGetValue(key, out var owners) ? owners : [];

    public IdentityEvent Apply(IdentityEvent entry)
    {
        var sequence = _log.Count + 1;
        if (entry.Sequence != 0 && entry.Sequence != sequence)
        {
            throw new InvalidOperationException($"Log entry {entry.Sequence} replayed at position {sequence}.");
        }

        entry = entry with { Sequence = sequence };
        switch (entry)
        {
            case ContactCreated e:
                Put(new Contact { Workspace = Workspace, Id = e.Contact, CreatedAt = e.OccurredAt });
                break;
            case ConversationObserved e:
                _observed[e.ConversationId] = e;
                break;
            case IdentifierLinked e:
                Put(_contacts[e.Contact] with { Identifiers = _contacts[e.Contact].Identifiers.Add(e.Link) });
                break;
            case ConversationAttached e:
                Put(_contacts[e.Contact] with { Conversations = _contacts[e.Contact].Conversations.Add(e.Conversation) });
                break;
            case FieldRecorded e:
                Put(_contacts[e.Contact] with { Fields = WithField(_contacts[e.Contact].Fields, e.Field) });
                break;
            case CrmRecordLinked e:
                Put(_contacts[e.Contact] with { CrmRecord = e.Record });
                break;
            case ContactsMerged e:
                ApplyMerge(e);
                _activeMerges[sequence] = e;
                break;
            case MergeUndone e:
                ApplyUndo(_activeMerges[e.MergeSequence]);
                _activeMerges.Remove(e.MergeSequence);
                break;
            case ConversationMoved e:
                ApplyMove(e);
                _activeMoves[sequence] = e;
                break;
            case ConversationMoveUndone e:
                ApplyMoveUndo(_activeMoves[e.MoveSequence]);
                _activeMoves.Remove(e.MoveSequence);
                _pinned.Add((e.ConversationId, e.From));
                break;
            case IdentifierDetached e:
                ApplyDetach(e);
                break;
            case SuggestionRaised e:
                _suggestions.Add(e.Suggestion);
                break;
            case ContactErased e:
                var scope = new ErasureScope(new HashSet<ContactId> { e.Contact }, StillOn(e.Contact));
                ApplyErasure(e);
                RedactLog(scope);
                break;
            default:
                throw new InvalidOperationException($"Unknown identity event {entry.GetType().Name}.");
        }

        _log.Add(entry);
        return entry;
    }

    /// <summary>The entries an erasure rewrote since the last call, for the store to rewrite too.</summary>
    public IReadOnlyList<IdentityEvent> TakeRedactions()
    {
        if (_redacted.Count == 0)
        {
            return [];
        }

        var rewritten = _redacted.Select(i => _log[i]).ToArray();
        _redacted.Clear();
        return rewritten;
    }

    /// <summary>The entries numbered after <paramref name="sequence"/>.</summary>
    public IReadOnlyList<IdentityEvent> EntriesAfter(long sequence) => sequence == _log.Count ? [] : _log.GetRange((int)sequence, _log.Count - (int)sequence);

    /// <summary>
    /// Rewrites the log without the personal values of an erased contact: the one change the log allows. Part of applying
    /// <see cref="ContactErased"/>, so every process that reads the entry redacts its copy, and a replay of a redacted log
    /// redacts nothing more.
    /// </summary>
    private void RedactLog(ErasureScope scope)
    {
        for (var i = 0; i < _log.Count; i++)
        {
            var redacted = _log[i].Redact(scope);
            if (!ReferenceEquals(redacted, _log[i]) && redacted != _log[i])
            {
                _log[i] = redacted;
                _redacted.Add(i);
            }
        }

        foreach (var conversation in scope.Conversations)
        {
            if (_observed.TryGetValue(conversation, out var observed))
            {
                _observed[conversation] = (ConversationObserved)observed.Redact(scope);
            }
        }
    }

    private static ImmutableArray<ContactField> WithField(ImmutableArray<ContactField> fields, ContactField field)
    {
        var index = fields.IndexOf(fields.FirstOrDefault(f => f.Name == field.Name)!);
        return index >= 0 ? fields.SetItem(index, field) : fields.Add(field);
    }

    /// <summary>Stores a contact's new version and keeps the identifier and conversation indexes in step with it.</summary>
    private void Put(Contact updated)
    {
        if (_contacts.TryGetValue(updated.Id, out var old) && old.IsActive)
        {
            foreach (var link in old.Identifiers)
            {
                if (!link.Blocked && _owners.TryGetValue(link.Identifier.Key, out var owners))
                {
                    var remaining = Array.FindAll(owners, o => o != old.Id);
                    if (remaining.Length == 0)
                    {
                        _owners.Remove(link.Identifier.Key);
                    }
                    else
                    {
                        _owners[link.Identifier.Key] = remaining;
                    }
                }
            }

            foreach (var conversation in old.Conversations)
            {
                if (_byConversation.TryGetValue(conversation.ConversationId, out var owner) && owner == old.Id)
                {
                    _byConversation.Remove(conversation.ConversationId);
                }
            }
        }

        _contacts[updated.Id] = updated;
        if (!updated.IsActive)
        {
            return;
        }

        foreach (var link in updated.Identifiers)
        {
            if (link.Blocked)
            {
                continue;
            }

            if (!_owners.TryGetValue(link.Identifier.Key, out var owners))
            {
                _owners[link.Identifier.Key] = [updated.Id];
            }
            else if (Array.IndexOf(owners, updated.Id) < 0)
            {
                _owners[link.Identifier.Key] = [.. owners, updated.Id];
            }
        }

        foreach (var conversation in updated.Conversations)
        {
            _byConversation[conversation.ConversationId] = updated.Id;
        }
    }
}
