namespace LiveChat.Core.Conversations;

/// <summary>The kind of a <see cref="CreatedResult"/>.</summary>
public enum CreatedResultKind
{
    /// <summary>A lead.</summary>
    Lead = 0,

    /// <summary>A deal.</summary>
    Deal = 1,

    /// <summary>A person.</summary>
    Person = 2,

    /// <summary>An organization.</summary>
    Organization = 3,

    /// <summary>An activity.</summary>
    Activity = 4,
}
