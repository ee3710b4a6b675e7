using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Routing;
using Orleans.Placement;
using Orleans.Runtime;

namespace LiveChat.Orleans;

/// <summary>
/// One conversation's write commands for the whole cluster (features C1–C9, E2–E4, R7, X7): runs the core's
/// <see cref="InProcessConversations"/> for its conversation in the silo where it is active, one command at a time, so
/// two silos never run commands of one conversation at once and none has to lose a race to the store and decide again.
/// The router's placements, offer expiry and the playbook's own messages still commit from where they run, guarded by
/// the store's optimistic concurrency (docs/scale-out.md, "Not done yet").
/// </summary>
/// <remarks>
/// Placed on the silo of its first caller (<see cref="PreferLocalPlacementAttribute"/>), usually the web server the
/// visitor's widget is connected to: that server's commands then cost no hop, and the process-local work a command
/// starts (the bot's and playbook's timers) stays beside the conversation's other commands. Not reentrant: a command and the reactions it waits for (routing, the bot, the playbook) finish before the next
/// command of the conversation starts. The reactions do not call back into this grain: they run the services' in-process
/// path of this silo. It holds no state of its own, the store does; a move to another silo loses nothing. Idle for
/// <see cref="IdleLimit"/>, it is collected; the due work its commands armed (contact-form and transcript-offer delays,
/// the unread-reply window) is kept in the store and armed as timers in the silo that committed it, so collection loses
/// none of it, and the due-work reminder's sweep is the backstop when that silo dies.
/// </remarks>
[CollectionAgeLimit(Minutes = IdleMinutes)]
[PreferLocalPlacement]
internal sealed class ConversationGrain(InProcessConversations conversations) : Grain, IConversationGrain
{
    /// <summary>How long an idle conversation grain stays active, in minutes.</summary>
    public const double IdleMinutes = 5;

    /// <summary>How long an idle conversation grain stays active: about one typing pause of a live chat, with room.</summary>
    public static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(IdleMinutes);

    private WorkspaceId Workspace => ConversationGrainKey.Workspace(this);

    private ConversationId Id => ConversationGrainKey.Conversation(this);

    /// <inheritdoc />
    public Task<ChatMessage> PostVisitorMessageAsync(string visitorTokenHash, string text, string? clientMessageId)
        => conversations.PostVisitorMessageAsync(Workspace, Id, visitorTokenHash, text, clientMessageId, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<ChatMessage> PostAgentMessageAsync(AgentId agentId, string text, string? clientMessageId)
        => conversations.PostAgentMessageAsync(Workspace, Id, agentId, text, clientMessageId, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<ChatMessage> PostBotMessageAsync(string text, string? clientMessageId)
        => conversations.PostBotMessageAsync(Workspace, Id, text, clientMessageId, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<HandoffResult> RequestAgentAsync(RoutingTarget target)
        => conversations.RequestAgentAsync(Workspace, Id, target, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<Conversation> AcceptOfferAsync(AgentId agentId, long offerToken)
        => conversations.AcceptOfferAsync(Workspace, Id, agentId, offerToken, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<Conversation> DeclineOfferAsync(AgentId agentId, long offerToken)
        => conversations.DeclineOfferAsync(Workspace, Id, agentId, offerToken, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<Conversation> ClaimAsync(AgentId agentId) => conversations.ClaimAsync(Workspace, Id, agentId, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<Conversation> AssignAsync(AgentId agentId) => conversations.AssignAsync(Workspace, Id, agentId, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<Conversation> EndAsync(AgentId? endedBy) => conversations.EndAsync(Workspace, Id, endedBy, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<Conversation> EndByVisitorAsync(string visitorTokenHash)
        => conversations.EndByVisitorAsync(Workspace, Id, visitorTokenHash, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<long> MarkReadAsync(AgentId agentId, long upToSequence)
        => conversations.MarkReadAsync(Workspace, Id, agentId, upToSequence, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<long> MarkReadByVisitorAsync(string visitorTokenHash, long upToSequence)
        => conversations.MarkReadByVisitorAsync(Workspace, Id, visitorTokenHash, upToSequence, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<Conversation> UpdateDetailsAsync(AgentId agentId, ConversationDetailsUpdate update)
        => conversations.UpdateDetailsAsync(Workspace, Id, agentId, update, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<Conversation> AddNoteAsync(AgentId agentId, string text)
        => conversations.AddNoteAsync(Workspace, Id, agentId, text, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<Conversation> AddCreatedResultAsync(AgentId agentId, CreatedResultKind kind, string externalId, string title)
        => conversations.AddCreatedResultAsync(Workspace, Id, agentId, kind, externalId, title, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<IdentifyResult> SubmitContactFormAsync(string visitorTokenHash, ContactForm form)
        => conversations.SubmitContactFormAsync(Workspace, Id, visitorTokenHash, form, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<EmailDelivery> SendTranscriptAsync(string visitorTokenHash, string? email, string? clientRequestId)
        => conversations.SendTranscriptAsync(Workspace, Id, visitorTokenHash, email, clientRequestId, CancellationToken.None).AsTask();

    /// <inheritdoc />
    public Task<EmailDelivery?> PageClosedAsync(string visitorTokenHash)
        => conversations.PageClosedAsync(Workspace, Id, visitorTokenHash, CancellationToken.None).AsTask();
}
