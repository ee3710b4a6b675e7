using LiveChat.Core.Agents;
using System.Diagnostics;
using System.Globalization;
using LiveChat.Core.Conversations;
using LiveChat.Core.Diagnostics;
using LiveChat.Core.Flow;
using LiveChat.Core.Storage;
using LiveChat.Core.Texts;
using LiveChat.Core.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveChat.Core.Internal;

/// <summary>
/// The write path shared by the agent-side and visitor-side services: a request loads once, decides with the pure
/// domain code, commits once, and hands the events its commit produced to the <see cref="ConversationDispatcher"/>.
/// </summary>
/// <remarks>
/// Decisions are made on an immutable snapshot outside any lock; the store applies them only if the snapshot is still
/// current, else the decision is made again on the fresh snapshot. A decision that throws changes nothing. Nothing reacts
/// inside the commit: routing, the bot and the publishers are <see cref="IConversationReactor"/>s, and a call returns once
/// its own event's answer-lane reactions are done (see <see cref="ConversationDispatcher.AnswerAsync"/>).
/// </remarks>
internal sealed partial class ConversationCommands(
    IConversationStore store,
    IAgentHeartbeats heartbeats,
    TimeProvider time,
    ConversationDispatcher dispatcher,
    LiveChatMetrics metrics,
    IOptions<LiveChatOptions> options,
    WorkspaceLocales locales,
    ILogger<ConversationCommands> logger)
{
    /// <summary>Each lost race means another writer made progress, so this bound is only reached under a pathological storm.</summary>
    private const int MaxAttempts = 64;

    public IConversationStore Store { get; } = store;

    public TimeProvider Time { get; } = time;

    public LiveChatOptions Options { get; } = options.Value;

    /// <summary>The one catalogue of system texts, shared by the bot, routing, assignment and e-mails.</summary>
    public TextCatalog Texts => Locales.Texts;

    /// <summary>Each workspace's languages and time zones.</summary>
    public WorkspaceLocales Locales { get; } = locales;

    /// <summary>
    /// Reads the conversation, or fails with <see cref="ConversationNotFoundException"/> (in the returned task, like an
    /// async method). A store that answers synchronously (the embedded one) costs no async state machine here.
    /// </summary>
    public ValueTask<Conversation> LoadAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
    {
        if (workspace.IsDefault || conversationId.Value == Guid.Empty)
        {
            return Undefined<Conversation>(workspace, conversationId);
        }

        var found = Store.FindConversationAsync(workspace, conversationId, cancellationToken);
        return !found.IsCompletedSuccessfully ? AwaitedAsync(found, workspace, conversationId)
            : found.Result is { } conversation ? new ValueTask<Conversation>(conversation)
            : ValueTask.FromException<Conversation>(new ConversationNotFoundException(workspace, conversationId));

        static async ValueTask<Conversation> AwaitedAsync(ValueTask<Conversation?> found, WorkspaceId workspace, ConversationId conversationId)
            => await found.ConfigureAwait(false) ?? throw new ConversationNotFoundException(workspace, conversationId);
    }

    public string CheckText(string? text, string paramName)
    {
        ArgumentNullException.ThrowIfNull(text, paramName);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("A message must not be empty or white space.", paramName);
        }

        return text.Length > Options.MaxMessageLength
            ? throw new MessageTooLongException(text.Length, Options.MaxMessageLength, paramName)
            : Guard.StorableText(text, paramName);
    }

    /// <summary>
    /// Applies the change <paramref name="decide"/> makes to the current snapshot; <see langword="null"/> means nothing to do.
    /// </summary>
    public ValueTask<Conversation> ChangeAsync(
        WorkspaceId workspace,
        ConversationId conversationId,
        Func<Conversation, Change?> decide,
        CancellationToken cancellationToken)
        => ChangeAsync(workspace, conversationId, null, decide, detached: null, cancellationToken);

    /// <summary>
    /// A change made by routing's drain: like <see cref="ChangeAsync(WorkspaceId, ConversationId, Func{Conversation, Change?}, CancellationToken)"/>,
    /// deciding first on <paramref name="current"/> when given, but it never waits for the conversation's reactions, which
    /// may wait for the drain that makes this change: their ticket is added to <paramref name="reactions"/>, which the
    /// drain hands to <see cref="RunDetached"/> once per batch.
    /// </summary>
    public ValueTask<Conversation> PlaceAsync(
        WorkspaceId workspace,
        ConversationId conversationId,
        Conversation? current,
        Func<Conversation, Change?> decide,
        List<ConversationDispatcher.AnswerTicket> reactions,
        CancellationToken cancellationToken)
        => ChangeAsync(workspace, conversationId, current, decide, reactions, cancellationToken);

    /// <summary>Runs the reactions of a drain batch's commits off the caller's flow, one conversation after another (see <see cref="ConversationDispatcher.Detach"/>).</summary>
    public void RunDetached(List<ConversationDispatcher.AnswerTicket> reactions) => dispatcher.Detach(reactions);

    private async ValueTask<Conversation> ChangeAsync(
        WorkspaceId workspace,
        ConversationId conversationId,
        Conversation? current,
        Func<Conversation, Change?> decide,
        List<ConversationDispatcher.AnswerTicket>? detached,
        CancellationToken cancellationToken)
    {
        using var activity = StartActivity("livechat.conversation.change", workspace, conversationId);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                // A call cancelled before (or between attempts of) its commit changes nothing; nor does one after the engine's disposal.
                cancellationToken.ThrowIfCancellationRequested();
                dispatcher.ThrowIfDisposed();
                var before = attempt == 1 && current is not null ? current : await LoadAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
                if (decide(before) is not { } change)
                {
                    return before;
                }

                if (change.OwnerPresence is not null && change.Updated.AssignedAgentId is { } owner)
                {
                    // The store checks the owner's heartbeat in the commit: one kept in memory (a cluster's) is written first.
                    await heartbeats.PersistAsync(workspace, owner, cancellationToken).ConfigureAwait(false);
                }

                CommitResult result;
                ConversationDispatcher.AnswerTicket ticket;
                try
                {
                    var commit = new ConversationCommit(change.Updated, before.Version, change.Messages) { OwnerPresence = change.OwnerPresence };
                    using (await dispatcher.OrderAsync(conversationId, cancellationToken).ConfigureAwait(false))
                    {
                        result = await Store.CommitAsync(commit, cancellationToken).ConfigureAwait(false);
                        ticket = dispatcher.Enqueue(new ConversationChangedEvent(before, result.Conversation, result.Messages, Time.GetUtcNow()));
                    }
                }
                catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
                {
                    Log.Retrying(logger, conversationId, attempt);
                    continue;
                }

                activity?.SetTag("livechat.state", result.Conversation.State.ToString());
                AfterCommit(before, result);
                if (detached is null)
                {
                    await AnswerAsync(ticket, cancellationToken).ConfigureAwait(false);
                }
                else if (ticket.Lane is not null)
                {
                    detached.Add(ticket);
                }

                return result.Conversation;
            }
        }
        catch (ObjectDisposedException ex)
        {
            throw Stopped(ex);
        }
    }

    public async ValueTask<Conversation> CreateAsync(Conversation draft, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        dispatcher.ThrowIfDisposed();
        using var activity = StartActivity("livechat.conversation.start", draft.Workspace, draft.Id);
        Conversation stored;
        ConversationDispatcher.AnswerTicket ticket;
        try
        {
            using (await dispatcher.OrderAsync(draft.Id, cancellationToken).ConfigureAwait(false))
            {
                stored = await Store.CreateConversationAsync(draft, cancellationToken).ConfigureAwait(false);
                ticket = dispatcher.Enqueue(new ConversationCreatedEvent(stored));
            }
        }
        catch (ObjectDisposedException ex)
        {
            throw Stopped(ex);
        }

        metrics.ConversationStarted(stored.Workspace);
        Log.ConversationStarted(logger, stored.Workspace, stored.Number, stored.Id, stored.Channel);
        await AnswerAsync(ticket, cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <summary>
    /// Hands the reactors a fact that follows a stored change without being one (a contact form resolved and announced),
    /// in order with the conversation's commits, and waits for its answer-lane reactions.
    /// </summary>
    public async ValueTask ReactAsync(FlowEvent flowEvent, CancellationToken cancellationToken)
    {
        ConversationDispatcher.AnswerTicket ticket;
        using (await dispatcher.OrderAsync(flowEvent.ConversationId, cancellationToken).ConfigureAwait(false))
        {
            ticket = dispatcher.Enqueue(flowEvent);
        }

        await AnswerAsync(ticket, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes an event that is not tied to a stored change, such as a form the bot asks the widget to show; off the caller's path.</summary>
    public ValueTask PublishAsync(LiveChatEvent liveChatEvent, CancellationToken cancellationToken)
    {
        dispatcher.Notice(liveChatEvent);
        return ValueTask.CompletedTask;
    }

    /// <summary>A system message with <paramref name="key"/>'s text in the conversation's language, <c>{0}</c>, <c>{1}</c> filled with <paramref name="values"/>.</summary>
    public MessageDraft SystemMessage(Conversation c, SystemEvent systemEvent, SystemText key, params string[] values)
        => SystemMessage(c, systemEvent, string.Format(CultureInfo.InvariantCulture, Text(c, key), values));

    /// <summary>A system message with a text already localized, such as the playbook's, sent by the localized system sender.</summary>
    public MessageDraft SystemMessage(Conversation c, SystemEvent systemEvent, string text)
        => new(new MessageSender(SenderKind.System, Text(c, SystemText.SystemSender)), text, null, systemEvent, Time.GetUtcNow());

    /// <summary>A text in the conversation's language (its channel's, then its workspace's), English where the catalogue lacks it.</summary>
    public string Text(Conversation c, SystemText key) => Locales.Text(c.Workspace, c.Channel, key);

    /// <summary>A text in the language of a workspace's channel.</summary>
    public string Text(WorkspaceId workspace, string channel, SystemText key) => Locales.Text(workspace, channel, key);

    /// <summary>The guard's <see cref="ArgumentException"/> for an undefined workspace or conversation id, in a faulted task.</summary>
    private static ValueTask<T> Undefined<T>(WorkspaceId workspace, ConversationId conversationId)
    {
        try
        {
            Guard.Defined(workspace);
            Guard.Defined(conversationId);
        }
        catch (ArgumentException ex)
        {
            return ValueTask.FromException<T>(ex);
        }

        throw new UnreachableException();
    }

    /// <summary>
    /// A command that met its store already disposed: the host's container disposes the store while calls are still in
    /// flight (in whatever order it built them), and the store took nothing, so the call is refused as one made after
    /// the engine's disposal is, not with a type no host maps.
    /// </summary>
    private static EngineStoppedException Stopped(ObjectDisposedException disposed) => new(disposed);

    /// <summary>
    /// Waits for the answer-lane reactions of a commit that stands. When the engine stops before they ran (their lane is
    /// let go and its waiters cancelled), the stored change is the answer, as it is when no reactor wanted the event:
    /// throwing then would tell the caller nothing changed. The caller's own cancellation still surfaces.
    /// </summary>
    private ValueTask AnswerAsync(ConversationDispatcher.AnswerTicket ticket, CancellationToken cancellationToken)
    {
        var answer = dispatcher.AnswerAsync(ticket, cancellationToken);
        return answer.IsCompletedSuccessfully ? ValueTask.CompletedTask : AwaitAnswerAsync(answer, cancellationToken);
    }

    private async ValueTask AwaitAnswerAsync(ValueTask answer, CancellationToken cancellationToken)
    {
        try
        {
            await answer.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && dispatcher.IsStopping)
        {
            // The engine stopped: the commit's reactions are lost with it, as any reaction in flight is.
        }
    }

    /// <summary>A span per write; <see langword="null"/>, and free, when nobody listens to the activity source.</summary>
    private static Activity? StartActivity(string name, WorkspaceId workspace, ConversationId conversationId)
    {
        var activity = LiveChatMetrics.ActivitySource.StartActivity(name);
        activity?.SetTag("livechat.workspace", workspace.Value);
        activity?.SetTag("livechat.conversation", conversationId.ToString());
        return activity;
    }

    /// <summary>Metrics and the log line of a stored change; its events are the dispatcher's.</summary>
    private void AfterCommit(Conversation before, CommitResult result)
    {
        var after = result.Conversation;
        foreach (var message in result.Messages)
        {
            metrics.MessagePosted(after.Workspace, message.Sender.Kind);
        }

        if (before.State != after.State || before.AssignedAgentId != after.AssignedAgentId)
        {
            metrics.QueueChanged(after.Workspace, (after.State == ConversationState.Unassigned ? 1 : 0) - (before.State == ConversationState.Unassigned ? 1 : 0));
            if (after.State == ConversationState.Ended)
            {
                metrics.ConversationEnded(after.Workspace);
            }

            Log.ConversationMoved(logger, after.Id, before.State, after.State, after.AssignedAgentId);
        }
    }

    /// <summary>A decided change: the new snapshot and the system messages announcing it.</summary>
    /// <param name="Updated">The new snapshot.</param>
    /// <param name="Messages">The system messages announcing it.</param>
    public sealed record Change(Conversation Updated, IReadOnlyList<MessageDraft> Messages)
    {
        /// <summary>See <see cref="ConversationCommit.OwnerPresence"/>.</summary>
        public PresenceRequirement? OwnerPresence { get; init; }
    }
}
