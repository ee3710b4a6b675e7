using System.Text.Json.Serialization;

namespace LiveChat.Core.Playbooks;

/// <summary>
/// One card of a <see cref="Playbook"/> (feature P1). Cards name the next card by id, which links them into paths. In
/// JSON the <c>type</c> property says which kind of card it is. Immutable.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(MessageCard), "message")]
[JsonDerivedType(typeof(ChoiceQuestionCard), "choice")]
[JsonDerivedType(typeof(FreeTextQuestionCard), "freeText")]
[JsonDerivedType(typeof(ContactFormCard), "contactForm")]
[JsonDerivedType(typeof(LiveChatCard), "liveChat")]
[JsonDerivedType(typeof(OfflineFlowCard), "offlineFlow")]
[JsonDerivedType(typeof(RoutingQuestionCard), "routingQuestion")]
[JsonDerivedType(typeof(QualificationCard), "qualification")]
[JsonDerivedType(typeof(FollowUpActionsCard), "followUp")]
[JsonDerivedType(typeof(EndCard), "end")]
public abstract record PlaybookCard
{
    /// <summary>The card's id, unique in the playbook: letters, digits, <c>-</c> and <c>_</c>, starting with a letter or digit.</summary>
    public required string Id { get; init; }

    /// <summary>
    /// Whether the card always stops the bot until the visitor answers. Only these cards break a loop; the validator
    /// refuses a loop without one. Contact forms and routing questions wait too, but are skipped for known contacts, so
    /// they do not count.
    /// </summary>
    [JsonIgnore]
    public virtual bool AlwaysWaitsForVisitor => false;

    /// <summary>The ids of the cards this card can lead to, in order.</summary>
    public abstract IEnumerable<string> Targets();
}
