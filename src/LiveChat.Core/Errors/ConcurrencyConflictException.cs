using LiveChat.Core.Conversations;

namespace LiveChat.Core;

/// <summary>
/// A store refused a write because the conversation changed since it was read (optimistic concurrency). Every store
/// adapter throws this same exception for a lost race. The SDK's services retry it; callers see it only when a
/// conversation is changed so often that the retries run out.
/// </summary>
public sealed class ConcurrencyConflictException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    public ConcurrencyConflictException(ConversationId conversationId, long expectedVersion, long actualVersion)
        : base($"Conversation {conversationId} is at version {actualVersion}, not the expected {expectedVersion}.")
    {
        ConversationId = conversationId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>The conversation.</summary>
    public ConversationId ConversationId { get; }

    /// <summary>The version the writer read.</summary>
    public long ExpectedVersion { get; }

    /// <summary>The version in the store.</summary>
    public long ActualVersion { get; }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.Conflict;
}
