using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Internal;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using Orleans.Placement;
using Orleans.Runtime;

namespace LiveChat.Orleans;

/// <summary>
/// One conversation's write commands and timers for the whole cluster (features C1–C9, E2–E4, P7, R7, X7): runs the
/// core's <see cref="InProcessConversations"/> for its conversation in the silo where it is active, one command at a time,
/// so two silos never run commands of one conversation at once and none has to lose a race to the store and decide again.
/// It owns the conversation's due work (the contact-form and transcript-offer delays, the unread-reply window) as timers
/// of its activation, whichever silo scheduled it, and runs each between its commands. The bot's replies commit in the
/// turn of the command they answer. The router's placements, offer expiry and the greeting of a conversation being
/// started still commit from where they run, guarded by the store's optimistic concurrency (docs/scale-out.md, "Not done
/// yet").
/// </summary>
/// <remarks>
/// Placed on the silo of its first caller (<see cref="PreferLocalPlacementAttribute"/>), usually the web server the
/// visitor's widget is connected to: that server's commands then cost no hop. Not reentrant: a command and the reactions
/// it waits for (routing, the bot, the playbook) finish before the next command or timer of the conversation starts. The
/// reactions do not call back into this grain and wait: they run the services' in-process path of this silo, and arm
/// timers with calls whose answer the engine's background work awaits, not they
/// (<see cref="IConversationGrain.ArmDueWorkAsync"/>). It holds no state of its own but its timers, and each timer's item
/// is in the store: idle for <see cref="IdleLimit"/> with no timer pending, it is collected; a pending timer keeps it
/// active until it comes due. Deactivated with timers pending (a move, its silo stopping), it hands them to its next
/// activation; timers lost with a dead silo are run by the due-work reminder's sweep, the backstop.
/// </remarks>
[CollectionAgeLimit(Minutes = IdleMinutes)]
[PreferLocalPlacement]
internal sealed class ConversationGrain(InProcessConversations conversations, DueWorkSweep dueWork, BackgroundWork work) : Grain, IConversationGrain
{
    /// <summary>The pending timers, one per kind, with their instants; touched only in this grain's turns.</summary>
    private readonly Dictionary<DueWorkKind, (ITimer Timer, DateTimeOffset DueAt)> _timers = [];

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

    /// <inheritdoc />
    /// <remarks>
    /// A timer of this activation on the engine's clock, not Orleans' <c>RegisterGrainTimer</c>: when it fires, the
    /// engine's tracked background work calls <see cref="IConversationGrain.RunDueWorkAsync"/> on this grain, so the item
    /// runs in a turn of the grain, between its commands, and the engine's graceful stop (and a test's settling) waits for
    /// it as for any other of its timers. Pending, it keeps the activation from being collected.
    /// </remarks>
    public Task ArmDueWorkAsync(DueWorkKind kind, DateTimeOffset dueAt, bool replace)
    {
        if (!replace && _timers.ContainsKey(kind))
        {
            return Task.CompletedTask;
        }

        DisarmDueWorkAsync(kind);
        var now = work.Time.GetUtcNow();
        var dueIn = dueAt > now ? dueAt - now : TimeSpan.Zero;
        var self = this.AsReference<IConversationGrain>();

        // Nothing of this turn's context (its request context) flows into the timer's call.
        using (ExecutionContext.SuppressFlow())
        {
            var timer = work.Time.CreateTimer(
                static state =>
                {
                    var (work, self, kind, dueAt) = ((BackgroundWork, IConversationGrain, DueWorkKind, DateTimeOffset))state!;
                    work.Run(stopping => self.RunDueWorkAsync(kind, dueAt).WaitAsync(stopping), "a conversation's due work");
                },
                (work, self, kind, dueAt),
                dueIn,
                Timeout.InfiniteTimeSpan);
            _timers[kind] = (timer, dueAt);
        }

        // Kept active until the last pending timer comes due: a later delay replaces an earlier one, never shortens it.
        var last = _timers.Values.Max(t => t.DueAt);
        DelayDeactivation((last > now ? last - now : TimeSpan.Zero) + IdleLimit);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DisarmDueWorkAsync(DueWorkKind kind)
    {
        if (_timers.Remove(kind, out var pending))
        {
            pending.Timer.Dispose();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RunDueWorkAsync(DueWorkKind kind, DateTimeOffset armedFor)
    {
        if (_timers.TryGetValue(kind, out var pending) && pending.DueAt == armedFor)
        {
            // The timer that fired; one armed since (a newer instant) stays.
            DisarmDueWorkAsync(kind);
        }

        return dueWork.RunArmedAsync(Workspace, Id, kind, CancellationToken.None);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Hands each pending timer to the grain's next activation: an arm call to this grain, sent now and not awaited, is
    /// delivered once this activation is gone, so it activates the grain again (on another silo when this one is
    /// stopping), and the item is armed there as it was. A silo's death gives no such chance: its items are the due-work
    /// sweep's. Every item is in the store either way, and runs once. A call that fails leaves the item to the sweep: a
    /// silo that stops while it forwards the call may reject it ("the local host is shutting down"; about one stop in
    /// twenty under load in the tests), and sending it again from that silo fails the more (tried: a retry from the
    /// thread pool lost about one hand-over in three).
    /// </remarks>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        var self = this.AsReference<IConversationGrain>();
        foreach (var (kind, (timer, dueAt)) in _timers)
        {
            timer.Dispose();
            self.ArmDueWorkAsync(kind, dueAt, replace: false).Ignore();
        }

        _timers.Clear();
        return Task.CompletedTask;
    }
}
