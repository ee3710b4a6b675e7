using LiveChat.Core.Agents;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Routing;

namespace LiveChat.Core.Conversations;

/// <summary>
/// The default <see cref="IConversationPort"/>: runs each command in this process, on the services' own code path
/// (features C1–C9, E2–E4, R7). An adapter that moves a conversation's commands elsewhere (a conversation grain of
/// <c>LiveChat.Orleans</c>, feature X7) runs this class there. Every input is checked again here, as the public service
/// methods check it. Thread-safe.
/// </summary>
internal sealed class InProcessConversations : IConversationPort
{
    private readonly ConversationService _conversations;
    private readonly VisitorService _visitors;
    private readonly ConversationDetailsService _details;

    internal InProcessConversations(ConversationService conversations, VisitorService visitors, ConversationDetailsService details)
    {
        _conversations = conversations;
        _visitors = visitors;
        _details = details;
    }

    /// <inheritdoc />
    public ValueTask<ChatMessage> PostVisitorMessageAsync(
        WorkspaceId workspace, ConversationId conversationId, string visitorTokenHash, string text, string? clientMessageId, CancellationToken cancellationToken)
        => _visitors.PostHereAsync(workspace, conversationId, Credential(visitorTokenHash), text, clientMessageId, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ChatMessage> PostAgentMessageAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, string text, string? clientMessageId, CancellationToken cancellationToken)
        => _conversations.PostAgentMessageHereAsync(workspace, conversationId, agentId, text, clientMessageId, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ChatMessage> PostBotMessageAsync(
        WorkspaceId workspace, ConversationId conversationId, string text, string? clientMessageId, CancellationToken cancellationToken)
        => _conversations.PostBotMessageHereAsync(workspace, conversationId, text, clientMessageId, cancellationToken);

    /// <inheritdoc />
    public ValueTask<HandoffResult> RequestAgentAsync(WorkspaceId workspace, ConversationId conversationId, RoutingTarget target, CancellationToken cancellationToken)
        => _conversations.RequestAgentLocalizedAsync(workspace, conversationId, target ?? throw new ArgumentNullException(nameof(target)), null, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Conversation> AcceptOfferAsync(WorkspaceId workspace, ConversationId conversationId, AgentId agentId, long offerToken, CancellationToken cancellationToken)
        => _conversations.AcceptOfferHereAsync(workspace, conversationId, agentId, offerToken, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Conversation> DeclineOfferAsync(WorkspaceId workspace, ConversationId conversationId, AgentId agentId, long offerToken, CancellationToken cancellationToken)
        => _conversations.DeclineOfferHereAsync(workspace, conversationId, agentId, offerToken, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Conversation> ClaimAsync(WorkspaceId workspace, ConversationId conversationId, AgentId agentId, CancellationToken cancellationToken)
        => _conversations.ClaimHereAsync(workspace, conversationId, agentId, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Conversation> AssignAsync(WorkspaceId workspace, ConversationId conversationId, AgentId agentId, CancellationToken cancellationToken)
        => _conversations.AssignHereAsync(workspace, conversationId, agentId, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Conversation> EndAsync(WorkspaceId workspace, ConversationId conversationId, AgentId? endedBy, CancellationToken cancellationToken)
        => _conversations.EndHereAsync(workspace, conversationId, endedBy, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Conversation> EndByVisitorAsync(WorkspaceId workspace, ConversationId conversationId, string visitorTokenHash, CancellationToken cancellationToken)
        => _visitors.EndHereAsync(workspace, conversationId, Credential(visitorTokenHash), cancellationToken);

    /// <inheritdoc />
    public ValueTask<long> MarkReadAsync(WorkspaceId workspace, ConversationId conversationId, AgentId agentId, long upToSequence, CancellationToken cancellationToken)
        => _conversations.MarkReadHereAsync(workspace, conversationId, agentId, upToSequence, cancellationToken);

    /// <inheritdoc />
    public ValueTask<long> MarkReadByVisitorAsync(
        WorkspaceId workspace, ConversationId conversationId, string visitorTokenHash, long upToSequence, CancellationToken cancellationToken)
        => _visitors.MarkReadHereAsync(workspace, conversationId, Credential(visitorTokenHash), upToSequence, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Conversation> UpdateDetailsAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, ConversationDetailsUpdate update, CancellationToken cancellationToken)
        => _details.UpdateHereAsync(workspace, conversationId, agentId, update, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Conversation> AddNoteAsync(WorkspaceId workspace, ConversationId conversationId, AgentId agentId, string text, CancellationToken cancellationToken)
        => _details.AddNoteHereAsync(workspace, conversationId, agentId, text, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Conversation> AddCreatedResultAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, CreatedResultKind kind, string externalId, string title, CancellationToken cancellationToken)
        => _details.AddCreatedResultHereAsync(workspace, conversationId, agentId, kind, externalId, title, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IdentifyResult> SubmitContactFormAsync(
        WorkspaceId workspace, ConversationId conversationId, string visitorTokenHash, ContactForm form, CancellationToken cancellationToken)
        => _visitors.SubmitContactFormHereAsync(workspace, conversationId, Credential(visitorTokenHash), form, cancellationToken);

    /// <inheritdoc />
    public ValueTask<EmailDelivery> SendTranscriptAsync(
        WorkspaceId workspace, ConversationId conversationId, string visitorTokenHash, string? email, string? clientRequestId, CancellationToken cancellationToken)
        => _visitors.SendTranscriptHereAsync(workspace, conversationId, Credential(visitorTokenHash), email, clientRequestId, cancellationToken);

    /// <inheritdoc />
    public ValueTask<EmailDelivery?> PageClosedAsync(WorkspaceId workspace, ConversationId conversationId, string visitorTokenHash, CancellationToken cancellationToken)
        => _visitors.PageClosedHereAsync(workspace, conversationId, Credential(visitorTokenHash), cancellationToken);

    /// <summary>A visitor's credential from the hash a command travelled with.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="visitorTokenHash"/> is null.</exception>
    private static VisitorCredential Credential(string visitorTokenHash)
        => VisitorCredential.OfHash(visitorTokenHash ?? throw new ArgumentNullException(nameof(visitorTokenHash)));
}
