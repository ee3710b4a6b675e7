using LiveChat.Core.Conversations;

namespace LiveChat.Core.Storage;

/// <summary>A message to append; the store gives it its sequence number.</summary>
/// <remarks>
/// The draft enforces the limits every store relies on, so an oversized row can never reach a database: text of at most
/// <see cref="MaxTextLength"/> characters, without NUL or a lone surrogate, and a client message id of at most
/// <see cref="MaxClientMessageIdLength"/>.
/// </remarks>
public sealed record MessageDraft
{
    /// <summary>The longest text any store accepts, whatever <see cref="LiveChatOptions.MaxMessageLength"/> says.</summary>
    public const int MaxTextLength = 100_000;

    /// <summary>The longest client message id.</summary>
    public const int MaxClientMessageIdLength = 128;

    private readonly string _text = string.Empty;
    private readonly string? _clientMessageId;

    /// <summary>Creates a draft.</summary>
    /// <param name="sender">Who wrote it.</param>
    /// <param name="text">The text, at most <see cref="MaxTextLength"/> characters.</param>
    /// <param name="clientMessageId">The sender's idempotency key, if any; at most <see cref="MaxClientMessageIdLength"/> characters.</param>
    /// <param name="systemEvent">What a system message reports.</param>
    /// <param name="sentAt">When it was sent.</param>
    /// <exception cref="MessageTooLongException">The text is longer than <see cref="MaxTextLength"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The text holds NUL or a lone surrogate, which some store cannot keep exactly; or the client message id is empty or too long.
    /// </exception>
    public MessageDraft(MessageSender sender, string text, string? clientMessageId, SystemEvent systemEvent, DateTimeOffset sentAt)
    {
        Sender = sender;
        Text = text;
        ClientMessageId = clientMessageId;
        SystemEvent = systemEvent;
        SentAt = sentAt;
    }

    /// <summary>Who wrote it.</summary>
    public MessageSender Sender { get; init; }

    /// <summary>The text.</summary>
    public string Text
    {
        get => _text;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Text));
            _text = value.Length > MaxTextLength
                ? throw new MessageTooLongException(value.Length, MaxTextLength, nameof(Text))
                : Internal.Guard.StorableText(value, nameof(Text));
        }
    }

    /// <summary>The sender's idempotency key, if any.</summary>
    public string? ClientMessageId
    {
        get => _clientMessageId;
        init => _clientMessageId = Internal.Guard.OptionalText(value, MaxClientMessageIdLength, nameof(ClientMessageId));
    }

    /// <summary>What a system message reports.</summary>
    public SystemEvent SystemEvent { get; init; }

    /// <summary>When it was sent.</summary>
    public DateTimeOffset SentAt { get; init; }
}
