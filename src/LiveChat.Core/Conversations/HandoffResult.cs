namespace LiveChat.Core.Conversations;

/// <summary>The result of a request for a human.</summary>
/// <param name="Conversation">The conversation afterwards.</param>
/// <param name="Outcome">Assigned, queued or offline.</param>
public sealed record HandoffResult(Conversation Conversation, HandoffOutcome Outcome);
