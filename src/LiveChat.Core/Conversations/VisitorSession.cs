using LiveChat.Core.Routing;

namespace LiveChat.Core.Conversations;

/// <summary>
/// A visitor already authorized once by <see cref="VisitorService.AuthorizeAsync"/>, for a host or hub that keeps the
/// visitor's connection open (feature X2): its calls skip hashing the token again.
/// </summary>
/// <remarks>
/// Each call still reads the conversation once and checks that the stored token hash is the one this session was made
/// with, and that the conversation's state allows the call, so a session never outlives its conversation's rules.
/// Treat it as the token itself: it grants the visitor's access. Immutable and thread-safe.
/// </remarks>
public sealed class VisitorSession
{
    private readonly VisitorService _visitors;
    private readonly VisitorCredential _credential;

    internal VisitorSession(VisitorService visitors, WorkspaceId workspace, ConversationId conversationId, string tokenHash)
    {
        _visitors = visitors;
        Workspace = workspace;
        ConversationId = conversationId;
        _credential = VisitorCredential.OfHash(tokenHash);
    }

    /// <summary>The conversation's workspace.</summary>
    public WorkspaceId Workspace { get; }

    /// <summary>The visitor's conversation.</summary>
    public ConversationId ConversationId { get; }

    /// <summary>Posts the visitor's message; see <see cref="VisitorService.PostAsync(WorkspaceId, ConversationId, VisitorToken, string, string?, CancellationToken)"/>.</summary>
    /// <param name="text">The text: not empty, at most <see cref="LiveChatOptions.MaxMessageLength"/> characters.</param>
    /// <param name="clientMessageId">The idempotency key; a retry with the same key stores nothing new (feature C3).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored message.</returns>
    /// <exception cref="ConversationEndedException">The conversation has ended.</exception>
    /// <exception cref="ConversationNotFoundException">The conversation is gone.</exception>
    public ValueTask<ChatMessage> PostAsync(string text, string? clientMessageId = null, CancellationToken cancellationToken = default)
        => _visitors.PostCoreAsync(Workspace, ConversationId, _credential, text, clientMessageId, cancellationToken);

    /// <summary>The visitor's view of the conversation.</summary>
    /// <exception cref="ConversationNotFoundException">The conversation is gone.</exception>
    public ValueTask<VisitorConversationView> GetConversationAsync(CancellationToken cancellationToken = default)
        => _visitors.GetConversationCoreAsync(Workspace, ConversationId, _credential, cancellationToken);

    /// <summary>The messages after <paramref name="afterSequence"/>, in order, at most <paramref name="limit"/>.</summary>
    /// <exception cref="ConversationNotFoundException">The conversation is gone.</exception>
    public ValueTask<IReadOnlyList<ChatMessage>> GetMessagesAsync(long afterSequence = 0, int limit = 100, CancellationToken cancellationToken = default)
        => _visitors.GetMessagesCoreAsync(Workspace, ConversationId, _credential, afterSequence, limit, cancellationToken);

    /// <summary>The visitor asks for a human; see <see cref="ConversationService.RequestAgentAsync"/>.</summary>
    /// <returns>Whether the conversation was assigned, queued or went to the offline flow.</returns>
    public ValueTask<HandoffOutcome> RequestAgentAsync(RoutingTarget? target = null, CancellationToken cancellationToken = default)
        => _visitors.RequestAgentCoreAsync(Workspace, ConversationId, _credential, target, cancellationToken);

    /// <summary>Moves the visitor's read cursor forward (feature C8).</summary>
    /// <returns>The cursor after the call.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="upToSequence"/> is negative.</exception>
    public ValueTask<long> MarkReadAsync(long upToSequence, CancellationToken cancellationToken = default)
        => _visitors.MarkReadCoreAsync(Workspace, ConversationId, _credential, upToSequence, cancellationToken);

    /// <summary>How many messages the visitor has not read, not counting their own (feature C8).</summary>
    public ValueTask<int> GetUnreadCountAsync(CancellationToken cancellationToken = default)
        => _visitors.GetUnreadCountCoreAsync(Workspace, ConversationId, _credential, cancellationToken);

    /// <summary>The visitor closes the conversation.</summary>
    /// <exception cref="ConversationEndedException">It has ended already.</exception>
    public ValueTask<VisitorConversationView> EndAsync(CancellationToken cancellationToken = default)
        => _visitors.EndCoreAsync(Workspace, ConversationId, _credential, cancellationToken);

    /// <summary>Names the conversation, never the credential.</summary>
    public override string ToString() => $"VisitorSession({Workspace}, {ConversationId})";
}
