using LiveChat.Core.Conversations;

namespace LiveChat.Core.Email;

/// <summary>
/// The e-mail address a conversation's visitor left, and how far replies have been e-mailed to it (features E1, E3, E4).
/// Immutable; every change is a new instance with a higher <see cref="Version"/>.
/// </summary>
public sealed record EmailRecipient
{
    /// <summary>The workspace.</summary>
    public required WorkspaceId Workspace { get; init; }

    /// <summary>The conversation.</summary>
    public required ConversationId ConversationId { get; init; }

    /// <summary>The visitor's address and name.</summary>
    public required EmailAddress Address { get; init; }

    /// <summary>Whether the visitor left it while nobody was available, so replies use the offline template (feature E3).</summary>
    public bool LeftWhileOffline { get; init; }

    /// <summary>The sequence number of the last agent message already e-mailed or read; never moves back.</summary>
    public long NotifiedUpToSequence { get; init; }

    /// <summary>The optimistic-concurrency version: 1 when first saved, one more on every change.</summary>
    public long Version { get; init; }
}
