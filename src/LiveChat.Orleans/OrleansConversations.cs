using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Routing;

namespace LiveChat.Orleans;

/// <summary>
/// The <see cref="IConversationPort"/> of a silo (feature X7): sends each command to its conversation's
/// <see cref="IConversationGrain"/>, wherever in the cluster it is active. Errors raised there come back as the core's
/// own exception types with every property (their converters). Thread-safe.
/// </summary>
/// <remarks>
/// A call rejected because a silo died is retried (<see cref="FrontDoorRetry"/>) when running it twice is harmless: a
/// post or transcript with its idempotency key (the store returns the first), a handoff (asking again changes
/// nothing), an offer's accept (its fencing token recognises a retry), read cursors (they never move back) and the page
/// closing (the unread window completes once). Claims, transfers, ends, declines, notes and forms are not retried: a
/// first attempt that ran would make the retry fail or add twice, so the rejection reaches the caller.
/// </remarks>
internal sealed class OrleansConversations(IGrainFactory grains, FrontDoorRetry retry) : IConversationPort
{
    /// <inheritdoc />
    public ValueTask<ChatMessage> PostVisitorMessageAsync(
        WorkspaceId workspace, ConversationId conversationId, string visitorTokenHash, string text, string? clientMessageId, CancellationToken cancellationToken)
        => Run(clientMessageId is not null, () => Grain(workspace, conversationId).PostVisitorMessageAsync(visitorTokenHash, text, clientMessageId), cancellationToken);

    /// <inheritdoc />
    public ValueTask<ChatMessage> PostAgentMessageAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, string text, string? clientMessageId, CancellationToken cancellationToken)
        => Run(clientMessageId is not null, () => Grain(workspace, conversationId).PostAgentMessageAsync(agentId, text, clientMessageId), cancellationToken);

    /// <inheritdoc />
    public ValueTask<ChatMessage> PostBotMessageAsync(
        WorkspaceId workspace, ConversationId conversationId, string text, string? clientMessageId, CancellationToken cancellationToken)
        => Run(clientMessageId is not null, () => Grain(workspace, conversationId).PostBotMessageAsync(text, clientMessageId), cancellationToken);

    /// <inheritdoc />
    public ValueTask<HandoffResult> RequestAgentAsync(WorkspaceId workspace, ConversationId conversationId, RoutingTarget target, CancellationToken cancellationToken)
        => Run(true, () => Grain(workspace, conversationId).RequestAgentAsync(target), cancellationToken);

    /// <inheritdoc />
    public ValueTask<Conversation> AcceptOfferAsync(WorkspaceId workspace, ConversationId conversationId, AgentId agentId, long offerToken, CancellationToken cancellationToken)
        => Run(true, () => Grain(workspace, conversationId).AcceptOfferAsync(agentId, offerToken), cancellationToken);

    /// <inheritdoc />
    public ValueTask<Conversation> DeclineOfferAsync(WorkspaceId workspace, ConversationId conversationId, AgentId agentId, long offerToken, CancellationToken cancellationToken)
        => Run(false, () => Grain(workspace, conversationId).DeclineOfferAsync(agentId, offerToken), cancellationToken);

    /// <inheritdoc />
    public ValueTask<Conversation> ClaimAsync(WorkspaceId workspace, ConversationId conversationId, AgentId agentId, CancellationToken cancellationToken)
        => Run(false, () => Grain(workspace, conversationId).ClaimAsync(agentId), cancellationToken);

    /// <inheritdoc />
    public ValueTask<Conversation> AssignAsync(WorkspaceId workspace, ConversationId conversationId, AgentId agentId, CancellationToken cancellationToken)
        => Run(false, () => Grain(workspace, conversationId).AssignAsync(agentId), cancellationToken);

    /// <inheritdoc />
    public ValueTask<Conversation> EndAsync(WorkspaceId workspace, ConversationId conversationId, AgentId? endedBy, CancellationToken cancellationToken)
        => Run(false, () => Grain(workspace, conversationId).EndAsync(endedBy), cancellationToken);

    /// <inheritdoc />
    public ValueTask<Conversation> EndByVisitorAsync(WorkspaceId workspace, ConversationId conversationId, string visitorTokenHash, CancellationToken cancellationToken)
        => Run(false, () => Grain(workspace, conversationId).EndByVisitorAsync(visitorTokenHash), cancellationToken);

    /// <inheritdoc />
    public ValueTask<long> MarkReadAsync(WorkspaceId workspace, ConversationId conversationId, AgentId agentId, long upToSequence, CancellationToken cancellationToken)
        => Run(true, () => Grain(workspace, conversationId).MarkReadAsync(agentId, upToSequence), cancellationToken);

    /// <inheritdoc />
    public ValueTask<long> MarkReadByVisitorAsync(
        WorkspaceId workspace, ConversationId conversationId, string visitorTokenHash, long upToSequence, CancellationToken cancellationToken)
        => Run(true, () => Grain(workspace, conversationId).MarkReadByVisitorAsync(visitorTokenHash, upToSequence), cancellationToken);

    /// <inheritdoc />
    public ValueTask<Conversation> UpdateDetailsAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, ConversationDetailsUpdate update, CancellationToken cancellationToken)
        => Run(false, () => Grain(workspace, conversationId).UpdateDetailsAsync(agentId, update), cancellationToken);

    /// <inheritdoc />
    public ValueTask<Conversation> AddNoteAsync(WorkspaceId workspace, ConversationId conversationId, AgentId agentId, string text, CancellationToken cancellationToken)
        => Run(false, () => Grain(workspace, conversationId).AddNoteAsync(agentId, text), cancellationToken);

    /// <inheritdoc />
    public ValueTask<Conversation> AddCreatedResultAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, CreatedResultKind kind, string externalId, string title, CancellationToken cancellationToken)
        => Run(false, () => Grain(workspace, conversationId).AddCreatedResultAsync(agentId, kind, externalId, title), cancellationToken);

    /// <inheritdoc />
    public ValueTask<IdentifyResult> SubmitContactFormAsync(
        WorkspaceId workspace, ConversationId conversationId, string visitorTokenHash, ContactForm form, CancellationToken cancellationToken)
        => Run(false, () => Grain(workspace, conversationId).SubmitContactFormAsync(visitorTokenHash, form), cancellationToken);

    /// <inheritdoc />
    public ValueTask<EmailDelivery> SendTranscriptAsync(
        WorkspaceId workspace, ConversationId conversationId, string visitorTokenHash, string? email, string? clientRequestId, CancellationToken cancellationToken)
        => Run(clientRequestId is not null, () => Grain(workspace, conversationId).SendTranscriptAsync(visitorTokenHash, email, clientRequestId), cancellationToken);

    /// <inheritdoc />
    public ValueTask<EmailDelivery?> PageClosedAsync(WorkspaceId workspace, ConversationId conversationId, string visitorTokenHash, CancellationToken cancellationToken)
        => Run(true, () => Grain(workspace, conversationId).PageClosedAsync(visitorTokenHash), cancellationToken);

    private IConversationGrain Grain(WorkspaceId workspace, ConversationId conversationId) => ConversationGrainKey.Of(grains, workspace, conversationId);

    /// <summary>
    /// Runs one grain call, through <see cref="FrontDoorRetry"/> when <paramref name="retryable"/>, else once; either way a
    /// failure of the cluster arrives as <see cref="ClusterUnavailableException"/>, never as an Orleans type, and a core
    /// exception raised in the grain arrives as itself, with its values (the converters in <c>Serialization/Exceptions</c>).
    /// </summary>
    /// <summary>
    /// Sends the call, unless its token is already cancelled: then nothing is sent, so nothing changes, as on a single
    /// server (a token cancelled later only ends the wait for the answer; see <see cref="ConversationService"/>).
    /// </summary>
    private ValueTask<T> Run<T>(bool retryable, Func<Task<T>> call, CancellationToken cancellationToken) => cancellationToken.IsCancellationRequested
        ? ValueTask.FromCanceled<T>(cancellationToken)
        : retryable
            ? new(retry.RunAsync(() => call().WaitAsync(cancellationToken), cancellationToken))
            : new(FrontDoorRetry.OnceAsync(call().WaitAsync(cancellationToken)));
}
