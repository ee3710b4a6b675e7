using LiveChat.Core.Conversations;

namespace LiveChat.Core.Flow;

/// <summary>The visitor's contact form was resolved and announced to the agent; the bot moves on.</summary>
/// <param name="Conversation">The conversation as the submission stored it.</param>
internal sealed record ContactFormSubmittedEvent(Conversation Conversation) : FlowEvent(Conversation.Workspace, Conversation.Id);
