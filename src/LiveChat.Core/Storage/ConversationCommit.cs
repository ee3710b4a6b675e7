using LiveChat.Core.Conversations;

namespace LiveChat.Core.Storage;

/// <summary>One atomic change of a conversation: its new snapshot plus the system messages that announce it.</summary>
/// <param name="Updated">
/// The conversation as it should be. The store sets <see cref="Conversation.Version"/> and
/// <see cref="Conversation.LastSequence"/> itself.
/// </param>
/// <param name="ExpectedVersion">The version the writer read; the commit fails if the stored version differs.</param>
/// <param name="Messages">
/// Messages appended in the same transaction, in order; may be empty. They announce the change (agent joined, ended…),
/// so they carry no client message id: idempotent posts go through <see cref="IConversationStore.AppendAsync"/>.
/// </param>
public sealed record ConversationCommit(Conversation Updated, long ExpectedVersion, IReadOnlyList<MessageDraft> Messages)
{
    /// <summary>The appended messages.</summary>
    /// <exception cref="ArgumentException">A message carries a client message id.</exception>
    public IReadOnlyList<MessageDraft> Messages { get; init; } = WithoutClientIds(Messages);

    /// <summary>
    /// When set, the agent who takes a seat in this commit must have a heartbeat (<see cref="Agents.Agent.LastSeenAt"/>)
    /// at or after <see cref="PresenceRequirement.SeenSince"/>, judged inside the transaction, else the commit fails with
    /// <see cref="AgentNotAvailableException"/> and changes nothing (feature R1).
    /// </summary>
    public PresenceRequirement? OwnerPresence { get; init; }

    /// <summary>
    /// Which agent's capacity the commit takes and which it frees, given the conversation as stored. Ownership means state
    /// <see cref="ConversationState.Assigned"/>: an ended conversation keeps its last agent but no longer counts
    /// against them. Every store applies this in the same transaction as the commit.
    /// </summary>
    public CapacityChange CapacityChangeFrom(Conversation stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var before = stored.State == ConversationState.Assigned ? stored.AssignedAgentId : null;
        var after = Updated.State == ConversationState.Assigned ? Updated.AssignedAgentId : null;
        return new CapacityChange(after != before ? after : null, before != after ? before : null);
    }

    private static IReadOnlyList<MessageDraft> WithoutClientIds(IReadOnlyList<MessageDraft> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return messages.Any(m => m.ClientMessageId is not null)
            ? throw new ArgumentException("Messages of a commit announce the change and carry no client message id; post idempotent messages with AppendAsync.", nameof(messages))
            : messages;
    }
}
