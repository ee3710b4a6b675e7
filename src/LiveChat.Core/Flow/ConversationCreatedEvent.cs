using LiveChat.Core.Conversations;

namespace LiveChat.Core.Flow;

/// <summary>A conversation was stored for the first time.</summary>
/// <param name="Conversation">The stored conversation.</param>
internal sealed record ConversationCreatedEvent(Conversation Conversation) : FlowEvent(Conversation.Workspace, Conversation.Id);
