namespace LiveChat.Core.Conversations;

/// <summary>A new conversation and the visitor's access token.</summary>
/// <param name="Conversation">The conversation, in <see cref="ConversationState.BotFlow"/>.</param>
/// <param name="VisitorToken">
/// The visitor's secret: give it to the visitor's browser only, which presents it on every visitor call. It cannot be
/// read again later.
/// </param>
public sealed record StartedConversation(Conversation Conversation, VisitorToken VisitorToken);
