using LiveChat.Core.Internal;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Conversations;

/// <summary>
/// The visitor's side of a conversation. Every call presents the <see cref="VisitorToken"/> returned when the
/// conversation started, and reaches that conversation only (feature X2).
/// </summary>
/// <remarks>
/// A wrong token is reported as <see cref="ConversationNotFoundException"/>, exactly like a missing conversation, so a
/// visitor cannot learn whether another conversation exists. Thread-safe.
/// </remarks>
public sealed partial class VisitorService
{
    private readonly ConversationCommands _commands;
    private readonly ConversationService _conversations;
    private readonly Identity.IdentityService _identity;
    private readonly Email.EmailService _email;

    internal VisitorService(ConversationCommands commands, ConversationService conversations, Identity.IdentityService identity, Email.EmailService email)
    {
        _commands = commands;
        _conversations = conversations;
        _identity = identity;
        _email = email;
    }

    /// <summary>The visitor's view of their conversation.</summary>
    /// <exception cref="ConversationNotFoundException">No such conversation, or the token is not its visitor's.</exception>
    public async ValueTask<VisitorConversationView> GetConversationAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorToken token, CancellationToken cancellationToken = default)
        => VisitorConversationView.From(await AuthorizeAsync(workspace, conversationId, token, cancellationToken).ConfigureAwait(false));

    /// <summary>Posts the visitor's message. A retry with the same <paramref name="clientMessageId"/> stores nothing new (feature C3).</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="token">The visitor's token.</param>
    /// <param name="text">The text: not empty, at most <see cref="LiveChatOptions.MaxMessageLength"/> characters.</param>
    /// <param name="clientMessageId">The idempotency key; use a new one per message, such as a Guid made by the widget.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ConversationEndedException">The conversation has ended.</exception>
    public async ValueTask<ChatMessage> PostAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorToken token, string text, string? clientMessageId = null, CancellationToken cancellationToken = default)
    {
        text = _commands.CheckText(text, nameof(text));
        Guard.OptionalText(clientMessageId, 128);
        await AuthorizeAsync(workspace, conversationId, token, cancellationToken).ConfigureAwait(false);
        return await _commands.PostAsync(workspace, conversationId, new MessageSender(SenderKind.Visitor, string.Empty), c => c.State == ConversationState.Ended
            ? throw new ConversationEndedException(c.Id, null)
            : new MessageSender(SenderKind.Visitor, c.VisitorName), text, clientMessageId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The visitor's messages after <paramref name="afterSequence"/>, in order.</summary>
    public async ValueTask<IReadOnlyList<ChatMessage>> GetMessagesAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorToken token, long afterSequence = 0, int limit = 100, CancellationToken cancellationToken = default)
    {
        await AuthorizeAsync(workspace, conversationId, token, cancellationToken).ConfigureAwait(false);
        return await _conversations.GetMessagesAsync(workspace, conversationId, afterSequence, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The visitor asks for a human; see <see cref="ConversationService.RequestAgentAsync"/>.</summary>
    public async ValueTask<HandoffOutcome> RequestAgentAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorToken token, Routing.RoutingTarget? target = null, CancellationToken cancellationToken = default)
    {
        await AuthorizeAsync(workspace, conversationId, token, cancellationToken).ConfigureAwait(false);
        return (await _conversations.RequestAgentAsync(workspace, conversationId, target, cancellationToken).ConfigureAwait(false)).Outcome;
    }

    /// <summary>Moves the visitor's read cursor forward (feature C8).</summary>
    /// <returns>The cursor after the call.</returns>
    public async ValueTask<long> MarkReadAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorToken token, long upToSequence, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(upToSequence);
        await AuthorizeAsync(workspace, conversationId, token, cancellationToken).ConfigureAwait(false);
        return await _commands.Store.AdvanceReadCursorAsync(workspace, conversationId, ReaderId.Visitor, upToSequence, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How many messages the visitor has not read, not counting their own (feature C8).</summary>
    public async ValueTask<int> GetUnreadCountAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorToken token, CancellationToken cancellationToken = default)
    {
        await AuthorizeAsync(workspace, conversationId, token, cancellationToken).ConfigureAwait(false);
        return await _commands.Store.CountUnreadAsync(workspace, conversationId, ReaderId.Visitor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The visitor closes the conversation.</summary>
    /// <exception cref="ConversationEndedException">It has ended already.</exception>
    public async ValueTask<VisitorConversationView> EndAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorToken token, CancellationToken cancellationToken = default)
    {
        await AuthorizeAsync(workspace, conversationId, token, cancellationToken).ConfigureAwait(false);
        var ended = await _commands.ChangeAsync(workspace, conversationId, c => AssignmentDecision.End(_commands, c), cancellationToken).ConfigureAwait(false);
        return VisitorConversationView.From(ended);
    }

    private async ValueTask<Conversation> AuthorizeAsync(WorkspaceId workspace, ConversationId conversationId, VisitorToken token, CancellationToken cancellationToken)
    {
        Guard.Defined(token);
        var conversation = await _commands.LoadAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
        return token.Matches(conversation.VisitorTokenHash)
            ? conversation
            : throw new ConversationNotFoundException(workspace, conversationId);
    }
}
