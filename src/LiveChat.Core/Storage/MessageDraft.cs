using LiveChat.Core.Conversations;

namespace LiveChat.Core.Storage;

/// <summary>A message to append; the store gives it its sequence number.</summary>
/// <param name="Sender">Who wrote it.</param>
/// <param name="Text">The text.</param>
/// <param name="ClientMessageId">The sender's idempotency key, if any.</param>
/// <param name="SystemEvent">What a system message reports.</param>
/// <param name="SentAt">When it was sent.</param>
public sealed record MessageDraft(MessageSender Sender, string Text, string? ClientMessageId, SystemEvent SystemEvent, DateTimeOffset SentAt);
