using System.Text.Json.Serialization;

namespace LiveChat.Core.Identity;

/// <summary>
/// One entry of a workspace's append-only identity log (feature I5): every link, attachment, merge, undo, detach,
/// correction and erasure, with who did it and why. Contacts are nothing but the log replayed. Immutable.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(ContactCreated), "contact-created")]
[JsonDerivedType(typeof(ConversationObserved), "conversation-observed")]
[JsonDerivedType(typeof(IdentifierLinked), "identifier-linked")]
[JsonDerivedType(typeof(ConversationAttached), "conversation-attached")]
[JsonDerivedType(typeof(FieldRecorded), "field-recorded")]
[JsonDerivedType(typeof(CrmRecordLinked), "crm-record-linked")]
[JsonDerivedType(typeof(ContactsMerged), "contacts-merged")]
[JsonDerivedType(typeof(MergeUndone), "merge-undone")]
[JsonDerivedType(typeof(ConversationMoved), "conversation-moved")]
[JsonDerivedType(typeof(ConversationMoveUndone), "conversation-move-undone")]
[JsonDerivedType(typeof(IdentifierDetached), "identifier-detached")]
[JsonDerivedType(typeof(SuggestionRaised), "suggestion-raised")]
[JsonDerivedType(typeof(ContactErased), "contact-erased")]
public abstract record IdentityEvent
{
    /// <summary>The position in the workspace's log: 1, 2, 3… without gaps.</summary>
    public long Sequence { get; init; }

    /// <summary>When it happened.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Who did it: <c>chat-tracking</c> for automatic changes, otherwise the agent or host that asked.</summary>
    public required string Actor { get; init; }

    /// <summary>Why.</summary>
    public required string Reason { get; init; }

    /// <summary>Whether the event changed or concerns <paramref name="contact"/>; the audit trail is made of these.</summary>
    public abstract bool Concerns(ContactId contact);

    /// <summary>The same event without personal values of the erased contacts and conversations in <paramref name="scope"/>.</summary>
    internal abstract IdentityEvent Redact(ErasureScope scope);
}
