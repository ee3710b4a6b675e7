namespace LiveChat.AspNetCore.Wire;

/// <summary>A chat message as a hub client receives it (features W1, W2). Part of the hub contract: serialized as JSON with camelCase names; immutable.</summary>
/// <param name="ConversationId">The conversation id.</param>
/// <param name="Sequence">Its position in the conversation, from 1 without gaps: the client remembers the last one it saw and sends it to resume (feature W2).</param>
/// <param name="Sender"><c>visitor</c>, <c>bot</c>, <c>agent</c> or <c>system</c>.</param>
/// <param name="SenderName">The name shown next to the message.</param>
/// <param name="AgentId">The writing agent's id, on the agent hub only; always <see langword="null"/> for visitors.</param>
/// <param name="Text">The text as written: render it as text, never as HTML.</param>
/// <param name="ClientMessageId">The sender's idempotency key, when given.</param>
/// <param name="SystemEvent">What a system message reports (<c>AgentJoined</c>, <c>Reassigned</c>, <c>Queued</c>, <c>WentOffline</c>, <c>Ended</c>, <c>Requeued</c>, <c>ContactFormSubmitted</c>), or <see langword="null"/>.</param>
/// <param name="SentAt">When it was stored.</param>
public sealed record WireMessage(
    string ConversationId,
    long Sequence,
    string Sender,
    string SenderName,
    string? AgentId,
    string Text,
    string? ClientMessageId,
    string? SystemEvent,
    DateTimeOffset SentAt);
