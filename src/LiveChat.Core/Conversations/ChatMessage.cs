namespace LiveChat.Core.Conversations;

/// <summary>A stored message. Immutable and thread-safe.</summary>
/// <remarks>
/// Messages of a conversation are strictly ordered by <see cref="Sequence"/>: 1, 2, 3… without gaps (feature C3).
/// </remarks>
public sealed record ChatMessage
{
    /// <summary>The conversation the message belongs to.</summary>
    public required ConversationId ConversationId { get; init; }

    /// <summary>The message's position in the conversation, from 1, without gaps.</summary>
    public required long Sequence { get; init; }

    /// <summary>Who wrote it.</summary>
    public required MessageSender Sender { get; init; }

    /// <summary>The text, as written.</summary>
    public required string Text { get; init; }

    /// <summary>The sender's idempotency key, when the sender gave one.</summary>
    public string? ClientMessageId { get; init; }

    /// <summary>What a system message reports; <see cref="SystemEvent.None"/> for the others.</summary>
    public SystemEvent SystemEvent { get; init; }

    /// <summary>When the message was stored.</summary>
    public required DateTimeOffset SentAt { get; init; }
}
