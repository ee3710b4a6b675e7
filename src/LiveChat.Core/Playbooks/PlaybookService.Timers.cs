using LiveChat.Core.Conversations;
using LiveChat.Core.Internal;
using LiveChat.Core.Storage;
using LiveChat.Core.Texts;

namespace LiveChat.Core.Playbooks;

/// <content>
/// Timed cards (feature P7): the contact form some seconds after the greeting, the transcript offer some seconds after
/// the end. Each is due work in the <see cref="IDueWorkStore"/> (at most one per conversation and kind), armed on the
/// engine's <see cref="TimeProvider"/>, so a timed card promised before a restart is still shown once after it.
/// </content>
public sealed partial class PlaybookService
{
    private readonly DueWorkScheduler _dueWork;

    /// <inheritdoc />
    DueWorkScheduler IDueWorkOwner.DueWork => _dueWork;
    private readonly BackgroundWork _work;

    /// <summary>How many timed cards this process has armed.</summary>
    internal int PendingTimers => _dueWork.Armed;

    /// <summary>Completes once the timed cards fired so far, and other background work, have been carried out. For tests.</summary>
    internal Task WhenIdleAsync() => _work.WhenIdleAsync();

    /// <summary>Re-arms the timed cards a stopped process left in the store.</summary>
    ValueTask ILiveChatStartTask.RunAsync(CancellationToken cancellationToken) => _dueWork.RunAsync(cancellationToken);

    /// <summary>
    /// Cancels the contact form once the conversation leaves the bot (an agent is requested or joins) or ends, and arms
    /// the transcript offer when it ends.
    /// </summary>
    /// <remarks>
    /// Called after every commit, so it costs nothing unless a timed card can be concerned: only the commit that takes the
    /// conversation out of the bot or ends it, and only in a workspace not known (from a fresh read) to have no playbook
    /// published, starts background work. A contact form armed in another process is not cancelled there but checks the
    /// conversation when it fires and shows nothing once it left the bot.
    /// </remarks>
    private void Observe(Conversation before, Conversation after)
    {
        var leftBot = HasLeftBot(after.State) && !HasLeftBot(before.State);
        var ended = after.State == ConversationState.Ended && before.State != ConversationState.Ended;
        if (leftBot)
        {
            // Disarmed at once (in a cluster the grain hears of it a moment later, and a timer that fires meanwhile finds
            // the conversation out of the bot); the store forgets it just after.
            _dueWork.Disarm(after.Workspace, after.Id, DueWorkKind.ContactForm);
        }

        if ((leftBot || ended) && !_published.KnownToHaveNone(after.Workspace))
        {
            // Observe is synchronous: the store is asked off the caller's path.
            // The offer counts from the end, not from when the background work gets to it. The engine's stop does not
            // cancel it: the change it follows is committed and answered, so what it promises (a transcript offer) is
            // stored before the stop ends, and a restarted process shows it once (a few store calls: the stop waits).
            var at = _commands.Time.GetUtcNow();
            _work.Run(_ => ObserveAsync(after, leftBot, ended, at, CancellationToken.None).AsTask(), "timed cards");
        }
    }

    private static bool HasLeftBot(ConversationState state)
        => state is ConversationState.Unassigned or ConversationState.Assigned or ConversationState.Ended;

    private async ValueTask ObserveAsync(Conversation after, bool leftBot, bool ended, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (leftBot)
        {
            await CancelTimerAsync(after.Workspace, after.Id, DueWorkKind.ContactForm, cancellationToken).ConfigureAwait(false);
        }

        // The delay and the switch come from the version the conversation ran on, else the workspace's active playbook.
        var run = ended ? await _runs.FindAsync(after.Workspace, after.Id, cancellationToken).ConfigureAwait(false) : null;
        if (ended && await _published.OfAsync(after.Workspace, run, cancellationToken).ConfigureAwait(false) is { Playbook.Timers.TranscriptOfferAfterEnd: { } delay })
        {
            await _dueWork.ScheduleAsync(after.Workspace, after.Id, DueWorkKind.TranscriptOffer, at + delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private ValueTask ArmTimerAsync(WorkspaceId workspace, ConversationId conversationId, DueWorkKind kind, TimeSpan delay, CancellationToken cancellationToken)
        => _dueWork.ScheduleAsync(workspace, conversationId, kind, _commands.Time.GetUtcNow() + delay, cancellationToken);

    private ValueTask CancelTimerAsync(WorkspaceId workspace, ConversationId conversationId, DueWorkKind kind, CancellationToken cancellationToken)
        => _dueWork.CancelAsync(workspace, conversationId, kind, cancellationToken);

    private Task ShowTimedFormAsync(DueWork due, CancellationToken cancellationToken)
        => ShowTimedFormAsync(due.Workspace, ConversationId.Parse(due.Subject, System.Globalization.CultureInfo.InvariantCulture), due.Kind == DueWorkKind.TranscriptOffer ? PlaybookFormKind.TranscriptOffer : PlaybookFormKind.ContactForm);

    private async Task ShowTimedFormAsync(WorkspaceId workspace, ConversationId conversationId, PlaybookFormKind kind)
    {
        try
        {
            var conversation = await _commands.LoadAsync(workspace, conversationId, CancellationToken.None).ConfigureAwait(false);
            var run = await _runs.FindAsync(workspace, conversationId).ConfigureAwait(false);
            var machine = await _published.OfAsync(workspace, run, CancellationToken.None).ConfigureAwait(false);
            if (machine is null)
            {
                return;
            }

            var language = machine.Playbook.Language;
            if (kind == PlaybookFormKind.TranscriptOffer)
            {
                var offer = Texts.Get(language, SystemText.TranscriptOffer);
                await UpdateRunAsync(workspace, conversationId, r => r with { TranscriptOffered = true }, CancellationToken.None).ConfigureAwait(false);
                await _commands.PublishAsync(new PlaybookFormRequested(workspace, conversationId, kind, offer, language, _commands.Time.GetUtcNow()), CancellationToken.None)
                    .ConfigureAwait(false);
                return;
            }

            // The conversation moved on, the path already showed the form, or the visitor introduced themselves meanwhile.
            if (conversation.State is not (ConversationState.BotFlow or ConversationState.Offline) || run is null || run.PendingForm is not null
                || run.Status == PlaybookRunStatus.Stopped
                || await _identity.FindByConversationAsync(workspace, conversationId).ConfigureAwait(false) is not null)
            {
                return;
            }

            var invitation = Texts.Get(language, SystemText.ContactFormInvitation);
            if (await UpdateRunAsync(workspace, conversationId, r => r.PendingForm is null ? r with { PendingForm = PlaybookFormKind.ContactForm } : r, CancellationToken.None)
                    .ConfigureAwait(false) is null)
            {
                return;
            }

            await SayAsync(workspace, conversationId, machine.Playbook, invitation, CancellationToken.None).ConfigureAwait(false);
            await _commands.PublishAsync(new PlaybookFormRequested(workspace, conversationId, kind, invitation, language, _commands.Time.GetUtcNow()), CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is LiveChatException)
        {
            // The conversation ended or was taken between the check and the message: the form is simply not shown.
            Log.PlaybookStopped(_logger, conversationId, ex.Message);
        }
    }
}
