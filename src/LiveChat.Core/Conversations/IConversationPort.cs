using LiveChat.Core.Agents;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Routing;

namespace LiveChat.Core.Conversations;

/// <summary>
/// Where the write commands on an existing conversation run (features C1–C9, E2–E4, R7, X7): the one seam that lets a
/// single place, such as a conversation grain of <c>LiveChat.Orleans</c>, run one conversation's commands one at a time
/// for a whole cluster.
/// </summary>
/// <remarks>
/// <para>
/// The default is <see cref="InProcessConversations"/>: the services decide and commit in the calling process, as
/// always, and the store's optimistic concurrency makes a writer that lost a race to another process decide again. The
/// services call the default directly, with no extra step or allocation. Another implementation must deliver every
/// call for one conversation to a single place that runs <see cref="InProcessConversations"/> for it.
/// </para>
/// <para>
/// Each method mirrors the public service method named in its summary, takes the same arguments (a visitor's token as
/// its hash, <see cref="VisitorToken"/>'s stored form) and throws what that method documents, as
/// <see cref="InProcessConversations"/> raised it. The services check the input before calling the port, so an
/// implementation receives defined ids and checked text; <see cref="InProcessConversations"/> checks them again.
/// Calls may come concurrently from any thread; an implementation must be thread-safe.
/// </para>
/// <para>
/// Internal: the seam is <c>LiveChat.Orleans</c>'s, not a host's. A host calls the public services, which take the
/// visitor's token or session; the token's hash never crosses a public API.
/// </para>
/// <para>
/// Not through the port: starting a conversation (there is no conversation to route to before it is stored), reads,
/// and the changes the engine makes itself inside a conversation's turn (routing's placements and offers, the bot's and
/// the playbook's steps, timers): they run where the command or timer that caused them runs.
/// </para>
/// </remarks>
internal interface IConversationPort
{
    /// <summary>Posts the visitor's message; see <see cref="VisitorService.PostAsync"/>.</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="conversationId">The conversation; defined.</param>
    /// <param name="visitorTokenHash">The hash of the visitor's token (<see cref="Conversation.VisitorTokenHash"/>'s form).</param>
    /// <param name="text">The text, checked.</param>
    /// <param name="clientMessageId">The idempotency key, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The stored message, or the first one stored with the same key.</returns>
    ValueTask<ChatMessage> PostVisitorMessageAsync(
        WorkspaceId workspace, ConversationId conversationId, string visitorTokenHash, string text, string? clientMessageId, CancellationToken cancellationToken);

    /// <summary>Posts an agent's message; see <see cref="ConversationService.PostAgentMessageAsync"/>.</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="conversationId">The conversation; defined.</param>
    /// <param name="agentId">The agent; defined.</param>
    /// <param name="text">The text, checked.</param>
    /// <param name="clientMessageId">The idempotency key, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The stored message, or the first one stored with the same key.</returns>
    ValueTask<ChatMessage> PostAgentMessageAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, string text, string? clientMessageId, CancellationToken cancellationToken);

    /// <summary>Posts a bot message; see <see cref="ConversationService.PostBotMessageAsync"/>.</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="conversationId">The conversation; defined.</param>
    /// <param name="text">The text, checked.</param>
    /// <param name="clientMessageId">The idempotency key, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The stored message, or the first one stored with the same key.</returns>
    ValueTask<ChatMessage> PostBotMessageAsync(
        WorkspaceId workspace, ConversationId conversationId, string text, string? clientMessageId, CancellationToken cancellationToken);

    /// <summary>Hands the conversation to a human; see <see cref="ConversationService.RequestAgentAsync"/>.</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="conversationId">The conversation; defined.</param>
    /// <param name="target">Who may take it; not null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The conversation as routing left it, and the outcome.</returns>
    ValueTask<HandoffResult> RequestAgentAsync(WorkspaceId workspace, ConversationId conversationId, RoutingTarget target, CancellationToken cancellationToken);

    /// <summary>Accepts an offer; see <see cref="ConversationService.AcceptOfferAsync"/>.</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="conversationId">The conversation; defined.</param>
    /// <param name="agentId">The agent the offer was made to; defined.</param>
    /// <param name="offerToken">The offer's fencing token.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The conversation after the change.</returns>
    ValueTask<Conversation> AcceptOfferAsync(WorkspaceId workspace, ConversationId conversationId, AgentId agentId, long offerToken, CancellationToken cancellationToken);

    /// <summary>Declines an offer; see <see cref="ConversationService.DeclineOfferAsync"/>.</summary>
    /// <inheritdoc cref="AcceptOfferAsync" path="/param"/>
    /// <returns>The conversation after the change.</returns>
    ValueTask<Conversation> DeclineOfferAsync(WorkspaceId workspace, ConversationId conversationId, AgentId agentId, long offerToken, CancellationToken cancellationToken);

    /// <summary>An agent claims the conversation; see <see cref="ConversationService.ClaimAsync"/>.</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="conversationId">The conversation; defined.</param>
    /// <param name="agentId">The agent; defined.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The conversation after the change.</returns>
    ValueTask<Conversation> ClaimAsync(WorkspaceId workspace, ConversationId conversationId, AgentId agentId, CancellationToken cancellationToken);

    /// <summary>Assigns or transfers the conversation; see <see cref="ConversationService.AssignAsync"/>.</summary>
    /// <inheritdoc cref="ClaimAsync" path="/param"/>
    /// <returns>The conversation after the change.</returns>
    ValueTask<Conversation> AssignAsync(WorkspaceId workspace, ConversationId conversationId, AgentId agentId, CancellationToken cancellationToken);

    /// <summary>Ends the conversation for an agent or the host; see <see cref="ConversationService.EndAsync"/>.</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="conversationId">The conversation; defined.</param>
    /// <param name="endedBy">The agent ending it, or <see langword="null"/> for the host.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The ended conversation.</returns>
    ValueTask<Conversation> EndAsync(WorkspaceId workspace, ConversationId conversationId, AgentId? endedBy, CancellationToken cancellationToken);

    /// <summary>The visitor ends the conversation; see <see cref="VisitorService.EndAsync"/>.</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="conversationId">The conversation; defined.</param>
    /// <param name="visitorTokenHash">The hash of the visitor's token.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The ended conversation.</returns>
    ValueTask<Conversation> EndByVisitorAsync(WorkspaceId workspace, ConversationId conversationId, string visitorTokenHash, CancellationToken cancellationToken);

    /// <summary>Moves an agent's read cursor; see <see cref="ConversationService.MarkReadAsync"/>.</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="conversationId">The conversation; defined.</param>
    /// <param name="agentId">The agent; defined.</param>
    /// <param name="upToSequence">The sequence read up to; not negative.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The cursor after the call.</returns>
    ValueTask<long> MarkReadAsync(WorkspaceId workspace, ConversationId conversationId, AgentId agentId, long upToSequence, CancellationToken cancellationToken);

    /// <summary>Moves the visitor's read cursor; see <see cref="VisitorService.MarkReadAsync"/>.</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="conversationId">The conversation; defined.</param>
    /// <param name="visitorTokenHash">The hash of the visitor's token.</param>
    /// <param name="upToSequence">The sequence read up to; not negative.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The cursor after the call.</returns>
    ValueTask<long> MarkReadByVisitorAsync(WorkspaceId workspace, ConversationId conversationId, string visitorTokenHash, long upToSequence, CancellationToken cancellationToken);

    /// <summary>Sets the details panel's fields; see <see cref="ConversationDetailsService.UpdateAsync"/>.</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="conversationId">The conversation; defined.</param>
    /// <param name="agentId">The agent; defined.</param>
    /// <param name="update">The fields, checked.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The conversation after the change.</returns>
    ValueTask<Conversation> UpdateDetailsAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, ConversationDetailsUpdate update, CancellationToken cancellationToken);

    /// <summary>Adds a note; see <see cref="ConversationDetailsService.AddNoteAsync"/>.</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="conversationId">The conversation; defined.</param>
    /// <param name="agentId">The agent; defined.</param>
    /// <param name="text">The note, checked.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The conversation after the change.</returns>
    ValueTask<Conversation> AddNoteAsync(WorkspaceId workspace, ConversationId conversationId, AgentId agentId, string text, CancellationToken cancellationToken);

    /// <summary>Records a created result; see <see cref="ConversationDetailsService.AddCreatedResultAsync"/>.</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="conversationId">The conversation; defined.</param>
    /// <param name="agentId">The agent; defined.</param>
    /// <param name="kind">What was created; a defined value.</param>
    /// <param name="externalId">Its id in the CRM, checked.</param>
    /// <param name="title">Its title, checked.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The conversation after the change.</returns>
    ValueTask<Conversation> AddCreatedResultAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, CreatedResultKind kind, string externalId, string title, CancellationToken cancellationToken);

    /// <summary>The visitor's contact form; see <see cref="VisitorService.SubmitContactFormAsync"/>.</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="conversationId">The conversation; defined.</param>
    /// <param name="visitorTokenHash">The hash of the visitor's token.</param>
    /// <param name="form">What the visitor typed; not null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The identity resolution's result as the visitor may see it.</returns>
    ValueTask<IdentifyResult> SubmitContactFormAsync(
        WorkspaceId workspace, ConversationId conversationId, string visitorTokenHash, ContactForm form, CancellationToken cancellationToken);

    /// <summary>E-mails the transcript to the visitor; see <see cref="VisitorService.SendTranscriptAsync"/>.</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="conversationId">The conversation; defined.</param>
    /// <param name="visitorTokenHash">The hash of the visitor's token.</param>
    /// <param name="email">The address, or <see langword="null"/> for the one the visitor left.</param>
    /// <param name="clientRequestId">The idempotency key, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The outbox entry.</returns>
    ValueTask<EmailDelivery> SendTranscriptAsync(
        WorkspaceId workspace, ConversationId conversationId, string visitorTokenHash, string? email, string? clientRequestId, CancellationToken cancellationToken);

    /// <summary>The visitor closed the chat page; see <see cref="VisitorService.PageClosedAsync"/>.</summary>
    /// <param name="workspace">The workspace; defined.</param>
    /// <param name="conversationId">The conversation; defined.</param>
    /// <param name="visitorTokenHash">The hash of the visitor's token.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The outbox entry, or <see langword="null"/>.</returns>
    ValueTask<EmailDelivery?> PageClosedAsync(WorkspaceId workspace, ConversationId conversationId, string visitorTokenHash, CancellationToken cancellationToken);
}
