using LiveChat.Core.Conversations;

namespace LiveChat.Core.Flow;

/// <summary>A change was committed: the snapshot it was decided on, the stored result and the system messages it added.</summary>
/// <param name="Before">The snapshot the change was decided on.</param>
/// <param name="After">The stored conversation after the commit.</param>
/// <param name="Messages">The messages the commit stored, in sequence order.</param>
/// <param name="OccurredAt">When the change was committed, from the engine's <see cref="TimeProvider"/>.</param>
internal sealed record ConversationChangedEvent(Conversation Before, Conversation After, IReadOnlyList<ChatMessage> Messages, DateTimeOffset OccurredAt)
    : FlowEvent(After.Workspace, After.Id);
