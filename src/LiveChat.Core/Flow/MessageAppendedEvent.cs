using LiveChat.Core.Conversations;

namespace LiveChat.Core.Flow;

/// <summary>A message was appended to a conversation whose state the append left as it was.</summary>
/// <param name="Conversation">The snapshot the sender was authorized on (its state and owner are still current).</param>
/// <param name="Message">The stored message.</param>
internal sealed record MessageAppendedEvent(Conversation Conversation, ChatMessage Message) : FlowEvent(Conversation.Workspace, Conversation.Id);
