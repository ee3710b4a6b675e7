using System.Collections.Concurrent;
using LiveChat.Core.Conversations;
using LiveChat.Core.Internal;
using LiveChat.Core.Texts;

namespace LiveChat.Core.Playbooks;

/// <content>
/// Timed cards (feature P7): the contact form some seconds after the greeting, the transcript offer some seconds after
/// the end. Timers come from the engine's <see cref="TimeProvider"/>; at most one per conversation and kind.
/// </content>
public sealed partial class PlaybookService
{
    private readonly ConcurrentDictionary<(WorkspaceId, ConversationId, PlaybookFormKind), ITimer> _timers = new();
    private readonly ConcurrentDictionary<Task, byte> _background = new();

    /// <summary>How many timed cards are pending.</summary>
    internal int PendingTimers => _timers.Count;

    /// <summary>Completes once the timed cards fired so far have been carried out. For tests.</summary>
    internal async Task WhenIdleAsync()
    {
        while (!_background.IsEmpty)
        {
            await Task.WhenAll(_background.Keys).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Cancels the contact form once the conversation leaves the bot (an agent is requested or joins) or ends, and arms
    /// the transcript offer when it ends.
    /// </summary>
    private void Observe(Conversation before, Conversation after)
    {
        if (after.State is ConversationState.Unassigned or ConversationState.Assigned or ConversationState.Ended)
        {
            CancelTimer(after.Workspace, after.Id, PlaybookFormKind.ContactForm);
        }

        if (after.State == ConversationState.Ended && before.State != ConversationState.Ended)
        {
            // Observe is synchronous and cannot ask the run store, so the delay and the switch come from the workspace's
            // active playbook; the offer's language comes from the version the conversation ran on, read when it fires.
            if (_active.TryGetValue(after.Workspace, out var machine) && machine.Playbook.Timers.TranscriptOfferAfterEnd is { } delay)
            {
                ArmTimer(after.Workspace, after.Id, PlaybookFormKind.TranscriptOffer, delay);
            }
        }
    }

    private void ArmTimer(WorkspaceId workspace, ConversationId conversationId, PlaybookFormKind kind, TimeSpan delay)
    {
        var key = (workspace, conversationId, kind);
        var timer = _commands.Time.CreateTimer(static state => ((TimerState)state!).Fire(), new TimerState(this, key), Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (_timers.TryAdd(key, timer))
        {
            // Started only once registered, so a cancel that races with arming always finds the timer.
            timer.Change(delay, Timeout.InfiniteTimeSpan);
        }
        else
        {
            timer.Dispose();
        }
    }

    private void CancelTimer(WorkspaceId workspace, ConversationId conversationId, PlaybookFormKind kind)
    {
        if (_timers.TryRemove((workspace, conversationId, kind), out var timer))
        {
            timer.Dispose();
        }
    }

    private void Track(Task task)
    {
        _background.TryAdd(task, 0);
        task.ContinueWith(t => _background.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task ShowTimedFormAsync(WorkspaceId workspace, ConversationId conversationId, PlaybookFormKind kind)
    {
        try
        {
            var conversation = await _commands.LoadAsync(workspace, conversationId, CancellationToken.None).ConfigureAwait(false);
            var run = await _runs.FindAsync(workspace, conversationId).ConfigureAwait(false);
            var machine = run is not null ? MachineOf(workspace, run) : _active.GetValueOrDefault(workspace);
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

    private sealed class TimerState(PlaybookService service, (WorkspaceId Workspace, ConversationId Conversation, PlaybookFormKind Kind) key)
    {
        public void Fire()
        {
            if (service._timers.TryRemove(key, out var timer))
            {
                timer.Dispose();
                service.Track(service.ShowTimedFormAsync(key.Workspace, key.Conversation, key.Kind));
            }
        }
    }
}
