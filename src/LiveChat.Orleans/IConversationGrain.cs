using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;

namespace LiveChat.Orleans;

/// <summary>
/// The one place in the cluster where a conversation's write commands run (feature X7), keyed by the conversation's id
/// with its workspace as the key's extension (<see cref="ConversationGrainKey"/>): every silo's
/// <see cref="IConversationPort"/> sends it the conversation's commands. The calls mirror <see cref="IConversationPort"/>
/// without the workspace and conversation, which the key carries; the caller has checked the input already.
/// </summary>
[Alias("livechat.conversation")]
internal interface IConversationGrain : IGrainWithGuidCompoundKey
{
    /// <summary>See <see cref="IConversationPort.PostVisitorMessageAsync"/>.</summary>
    [Alias("postVisitor")]
    Task<ChatMessage> PostVisitorMessageAsync(string visitorTokenHash, string text, string? clientMessageId);

    /// <summary>See <see cref="IConversationPort.PostAgentMessageAsync"/>.</summary>
    [Alias("postAgent")]
    Task<ChatMessage> PostAgentMessageAsync(AgentId agentId, string text, string? clientMessageId);

    /// <summary>See <see cref="IConversationPort.PostBotMessageAsync"/>.</summary>
    [Alias("postBot")]
    Task<ChatMessage> PostBotMessageAsync(string text, string? clientMessageId);

    /// <summary>See <see cref="IConversationPort.RequestAgentAsync"/>.</summary>
    [Alias("requestAgent")]
    Task<HandoffResult> RequestAgentAsync(RoutingTarget target);

    /// <summary>See <see cref="IConversationPort.AcceptOfferAsync"/>.</summary>
    [Alias("acceptOffer")]
    Task<Conversation> AcceptOfferAsync(AgentId agentId, long offerToken);

    /// <summary>See <see cref="IConversationPort.DeclineOfferAsync"/>.</summary>
    [Alias("declineOffer")]
    Task<Conversation> DeclineOfferAsync(AgentId agentId, long offerToken);

    /// <summary>See <see cref="IConversationPort.ClaimAsync"/>.</summary>
    [Alias("claim")]
    Task<Conversation> ClaimAsync(AgentId agentId);

    /// <summary>See <see cref="IConversationPort.AssignAsync"/>.</summary>
    [Alias("assign")]
    Task<Conversation> AssignAsync(AgentId agentId);

    /// <summary>See <see cref="IConversationPort.EndAsync"/>.</summary>
    [Alias("end")]
    Task<Conversation> EndAsync(AgentId? endedBy);

    /// <summary>See <see cref="IConversationPort.EndByVisitorAsync"/>.</summary>
    [Alias("endByVisitor")]
    Task<Conversation> EndByVisitorAsync(string visitorTokenHash);

    /// <summary>See <see cref="IConversationPort.MarkReadAsync"/>.</summary>
    [Alias("markRead")]
    Task<long> MarkReadAsync(AgentId agentId, long upToSequence);

    /// <summary>See <see cref="IConversationPort.MarkReadByVisitorAsync"/>.</summary>
    [Alias("markReadByVisitor")]
    Task<long> MarkReadByVisitorAsync(string visitorTokenHash, long upToSequence);

    /// <summary>See <see cref="IConversationPort.UpdateDetailsAsync"/>.</summary>
    [Alias("updateDetails")]
    Task<Conversation> UpdateDetailsAsync(AgentId agentId, ConversationDetailsUpdate update);

    /// <summary>See <see cref="IConversationPort.AddNoteAsync"/>.</summary>
    [Alias("addNote")]
    Task<Conversation> AddNoteAsync(AgentId agentId, string text);

    /// <summary>See <see cref="IConversationPort.AddCreatedResultAsync"/>.</summary>
    [Alias("addCreatedResult")]
    Task<Conversation> AddCreatedResultAsync(AgentId agentId, CreatedResultKind kind, string externalId, string title);

    /// <summary>See <see cref="IConversationPort.SubmitContactFormAsync"/>.</summary>
    [Alias("contactForm")]
    Task<IdentifyResult> SubmitContactFormAsync(string visitorTokenHash, ContactForm form);

    /// <summary>See <see cref="IConversationPort.SendTranscriptAsync"/>.</summary>
    [Alias("transcript")]
    Task<EmailDelivery> SendTranscriptAsync(string visitorTokenHash, string? email, string? clientRequestId);

    /// <summary>See <see cref="IConversationPort.PageClosedAsync"/>.</summary>
    [Alias("pageClosed")]
    Task<EmailDelivery?> PageClosedAsync(string visitorTokenHash);

    /// <summary>
    /// Arms the conversation's due work of <paramref name="kind"/> (already in the store) as a timer of this grain, to come
    /// due at <paramref name="dueAt"/> on the engine's clock (features P7, E3, E4): in place of one armed before with
    /// <paramref name="replace"/>, else only if none is. The conversation's own commands arm their timers: a caller never
    /// awaits this inside a command (see <see cref="GrainConversationTimers"/>).
    /// </summary>
    [Alias("armDueWork")]
    Task ArmDueWorkAsync(DueWorkKind kind, DateTimeOffset dueAt, bool replace);

    /// <summary>Disarms the conversation's timer of <paramref name="kind"/>, if any; awaited like <see cref="ArmDueWorkAsync"/>.</summary>
    [Alias("disarmDueWork")]
    Task DisarmDueWorkAsync(DueWorkKind kind);

    /// <summary>
    /// Runs the conversation's due work of <paramref name="kind"/> if it is due (see <see cref="DueWorkSweep"/>): what the
    /// grain's own timer, armed for <paramref name="armedFor"/>, calls when it fires, so the item runs in a turn of the grain.
    /// </summary>
    [Alias("runDueWork")]
    Task RunDueWorkAsync(DueWorkKind kind, DateTimeOffset armedFor);
}
