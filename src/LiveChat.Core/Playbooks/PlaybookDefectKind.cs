namespace LiveChat.Core.Playbooks;

/// <summary>What is wrong with a playbook (feature P1).</summary>
public enum PlaybookDefectKind
{
    /// <summary>The JSON is not well formed, or does not fit the playbook's shape (a missing or mistyped property, an unknown card type).</summary>
    MalformedJson = 0,

    /// <summary>The JSON was written for a schema version this SDK does not read.</summary>
    UnknownSchemaVersion = 1,

    /// <summary>Two cards share an id.</summary>
    DuplicateId = 2,

    /// <summary>A card (or the start) names a card that does not exist.</summary>
    DanglingTarget = 3,

    /// <summary>No path from the start card reaches this card.</summary>
    UnreachableCard = 4,

    /// <summary>A live-chat card has no offline flow, or its offline flow is not an offline-flow card.</summary>
    HandoffWithoutOfflineFlow = 5,

    /// <summary>A loop of cards in which the bot never waits for the visitor: it would talk forever.</summary>
    LoopWithoutVisitorInput = 6,

    /// <summary>A text the visitor would see is empty, or a question has no answers.</summary>
    EmptyText = 7,

    /// <summary>The language is not one of the supported ones.</summary>
    UnknownLanguage = 8,

    /// <summary>Any other invalid value: an id, a version, a colour, a delay, a length.</summary>
    InvalidValue = 9,
}
