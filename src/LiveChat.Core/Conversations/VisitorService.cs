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
    private readonly ConversationPortRef _port;

    internal VisitorService(
        ConversationCommands commands, ConversationService conversations, Identity.IdentityService identity, Email.EmailService email, ConversationPortRef port)
    {
        _commands = commands;
        _conversations = conversations;
        _identity = identity;
        _email = email;
        _port = port;
    }

    /// <summary>
    /// Checks the visitor's token once and returns a session for the conversation: its calls skip hashing the token again
    /// and still check, on the one read each makes, that the stored hash matches and the conversation's state allows
    /// the call. For a host or hub that keeps a visitor's connection open (feature X2).
    /// </summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="token">The visitor's token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The session; keep it for the connection's lifetime, as you would the token.</returns>
    /// <exception cref="ArgumentException">The workspace, conversation or token is undefined.</exception>
    /// <exception cref="ConversationNotFoundException">No such conversation, or the token is not its visitor's.</exception>
    public async ValueTask<VisitorSession> AuthorizeAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorToken token, CancellationToken cancellationToken = default)
    {
        var conversation = await LoadAuthorizedAsync(workspace, conversationId, VisitorCredential.Of(token), cancellationToken).ConfigureAwait(false);
        return new VisitorSession(this, workspace, conversationId, conversation.VisitorTokenHash);
    }

    /// <summary>The visitor's view of their conversation.</summary>
    /// <exception cref="ConversationNotFoundException">No such conversation, or the token is not its visitor's.</exception>
    public ValueTask<VisitorConversationView> GetConversationAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorToken token, CancellationToken cancellationToken = default)
        => GetConversationCoreAsync(workspace, conversationId, VisitorCredential.Of(token), cancellationToken);

    /// <summary>Posts the visitor's message. A retry with the same <paramref name="clientMessageId"/> stores nothing new (feature C3).</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="token">The visitor's token.</param>
    /// <param name="text">The text: not empty, at most <see cref="LiveChatOptions.MaxMessageLength"/> characters.</param>
    /// <param name="clientMessageId">The idempotency key; use a new one per message, such as a Guid made by the widget.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>One read and one write of the conversation: the token is checked on the snapshot the post is decided on.</remarks>
    /// <exception cref="ConversationEndedException">The conversation has ended.</exception>
    /// <exception cref="ConversationNotFoundException">No such conversation, or the token is not its visitor's.</exception>
    public ValueTask<ChatMessage> PostAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorToken token, string text, string? clientMessageId = null, CancellationToken cancellationToken = default)
        => PostCoreAsync(workspace, conversationId, VisitorCredential.Of(token), text, clientMessageId, cancellationToken);

    /// <summary>The visitor's messages after <paramref name="afterSequence"/>, in order.</summary>
    public ValueTask<IReadOnlyList<ChatMessage>> GetMessagesAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorToken token, long afterSequence = 0, int limit = 100, CancellationToken cancellationToken = default)
        => GetMessagesCoreAsync(workspace, conversationId, VisitorCredential.Of(token), afterSequence, limit, cancellationToken);

    /// <summary>The visitor asks for a human; see <see cref="ConversationService.RequestAgentAsync"/>.</summary>
    public ValueTask<HandoffOutcome> RequestAgentAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorToken token, Routing.RoutingTarget? target = null, CancellationToken cancellationToken = default)
        => RequestAgentCoreAsync(workspace, conversationId, VisitorCredential.Of(token), target, cancellationToken);

    /// <summary>Moves the visitor's read cursor forward (feature C8).</summary>
    /// <returns>The cursor after the call.</returns>
    public ValueTask<long> MarkReadAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorToken token, long upToSequence, CancellationToken cancellationToken = default)
        => MarkReadCoreAsync(workspace, conversationId, VisitorCredential.Of(token), upToSequence, cancellationToken);

    /// <summary>How many messages the visitor has not read, not counting their own (feature C8).</summary>
    public ValueTask<int> GetUnreadCountAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorToken token, CancellationToken cancellationToken = default)
        => GetUnreadCountCoreAsync(workspace, conversationId, VisitorCredential.Of(token), cancellationToken);

    /// <summary>The visitor closes the conversation.</summary>
    /// <exception cref="ConversationEndedException">It has ended already.</exception>
    public ValueTask<VisitorConversationView> EndAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorToken token, CancellationToken cancellationToken = default)
        => EndCoreAsync(workspace, conversationId, VisitorCredential.Of(token), cancellationToken);

    internal async ValueTask<VisitorConversationView> GetConversationCoreAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorCredential credential, CancellationToken cancellationToken)
        => VisitorConversationView.From(await LoadAuthorizedAsync(workspace, conversationId, credential, cancellationToken).ConfigureAwait(false));

    internal ValueTask<ChatMessage> PostCoreAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorCredential credential, string text, string? clientMessageId, CancellationToken cancellationToken)
    {
        if (_port.Remote is not { } port)
        {
            return PostHereAsync(workspace, conversationId, credential, text, clientMessageId, cancellationToken);
        }

        text = _commands.CheckText(text, nameof(text));
        Guard.OptionalText(clientMessageId, 128);
        ConversationPortRef.CheckIds(workspace, conversationId);
        return port.PostVisitorMessageAsync(workspace, conversationId, credential.Hash, text, clientMessageId, cancellationToken);
    }

    internal ValueTask<ChatMessage> PostHereAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorCredential credential, string text, string? clientMessageId, CancellationToken cancellationToken)
    {
        text = _commands.CheckText(text, nameof(text));
        Guard.OptionalText(clientMessageId, 128);
        return _commands.PostAsync(workspace, conversationId, new MessageSender(SenderKind.Visitor, string.Empty), credential, static (c, credential) => !credential.Matches(c.VisitorTokenHash)
            ? throw new ConversationNotFoundException(c.Workspace, c.Id)
            : c.State == ConversationState.Ended
                ? throw new ConversationEndedException(c.Id, null)
                : new MessageSender(SenderKind.Visitor, c.VisitorName), text, clientMessageId, cancellationToken);
    }

    internal async ValueTask<IReadOnlyList<ChatMessage>> GetMessagesCoreAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorCredential credential, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await LoadAuthorizedAsync(workspace, conversationId, credential, cancellationToken).ConfigureAwait(false);
        return await _conversations.GetMessagesAsync(workspace, conversationId, afterSequence, limit, cancellationToken).ConfigureAwait(false);
    }

    internal async ValueTask<HandoffOutcome> RequestAgentCoreAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorCredential credential, Routing.RoutingTarget? target, CancellationToken cancellationToken)
    {
        await LoadAuthorizedAsync(workspace, conversationId, credential, cancellationToken).ConfigureAwait(false);
        return (await _conversations.RequestAgentAsync(workspace, conversationId, target, cancellationToken).ConfigureAwait(false)).Outcome;
    }

    internal ValueTask<long> MarkReadCoreAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorCredential credential, long upToSequence, CancellationToken cancellationToken)
    {
        if (_port.Remote is not { } port)
        {
            return MarkReadHereAsync(workspace, conversationId, credential, upToSequence, cancellationToken);
        }

        ArgumentOutOfRangeException.ThrowIfNegative(upToSequence);
        ConversationPortRef.CheckIds(workspace, conversationId);
        return port.MarkReadByVisitorAsync(workspace, conversationId, credential.Hash, upToSequence, cancellationToken);
    }

    internal async ValueTask<long> MarkReadHereAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorCredential credential, long upToSequence, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(upToSequence);
        await LoadAuthorizedAsync(workspace, conversationId, credential, cancellationToken).ConfigureAwait(false);
        return await _commands.Store.AdvanceReadCursorAsync(workspace, conversationId, ReaderId.Visitor, upToSequence, cancellationToken).ConfigureAwait(false);
    }

    internal async ValueTask<int> GetUnreadCountCoreAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorCredential credential, CancellationToken cancellationToken)
    {
        await LoadAuthorizedAsync(workspace, conversationId, credential, cancellationToken).ConfigureAwait(false);
        return await _commands.Store.CountUnreadAsync(workspace, conversationId, ReaderId.Visitor, cancellationToken).ConfigureAwait(false);
    }

    internal async ValueTask<VisitorConversationView> EndCoreAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorCredential credential, CancellationToken cancellationToken)
    {
        Conversation ended;
        if (_port.Remote is { } port)
        {
            ConversationPortRef.CheckIds(workspace, conversationId);
            ended = await port.EndByVisitorAsync(workspace, conversationId, credential.Hash, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            ended = await EndHereAsync(workspace, conversationId, credential, cancellationToken).ConfigureAwait(false);
        }

        return VisitorConversationView.From(ended);
    }

    internal ValueTask<Conversation> EndHereAsync(
        WorkspaceId workspace, ConversationId conversationId, VisitorCredential credential, CancellationToken cancellationToken)
        => _commands.ChangeAsync(workspace, conversationId, c => !credential.Matches(c.VisitorTokenHash)
            ? throw new ConversationNotFoundException(workspace, conversationId)
            : AssignmentDecision.End(_commands, c), cancellationToken);

    private async ValueTask<Conversation> LoadAuthorizedAsync(WorkspaceId workspace, ConversationId conversationId, VisitorCredential credential, CancellationToken cancellationToken)
    {
        var conversation = await _commands.LoadAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
        return credential.Matches(conversation.VisitorTokenHash)
            ? conversation
            : throw new ConversationNotFoundException(workspace, conversationId);
    }
}
