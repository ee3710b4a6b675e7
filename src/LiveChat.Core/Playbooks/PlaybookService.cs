using System.Collections.Immutable;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Internal;
using LiveChat.Core.Storage;
using LiveChat.Core.Texts;
using Microsoft.Extensions.Logging;

namespace LiveChat.Core.Playbooks;

/// <summary>
/// The bot (features P1–P8): publish playbooks, and let them greet, ask, qualify, hand over and follow up on every new
/// conversation. Reach it as <see cref="LiveChatEngine.Playbooks"/>.
/// </summary>
/// <remarks>
/// <para>
/// Once a playbook is published for a workspace, every new conversation starts on it: the bot posts the start card's
/// messages when the conversation starts, and answers each visitor message posted through
/// <see cref="VisitorService.PostAsync"/>. Bot messages are ordinary conversation messages from
/// <see cref="SenderKind.Bot"/>, named after <see cref="PlaybookAppearance.BotName"/>, in the playbook's language.
/// </para>
/// <para>
/// Each playbook version is compiled once into one Stateless state machine shared by all its conversations. A
/// conversation keeps only its <see cref="PlaybookRun"/> (card id, version, answers) in the <see cref="IPlaybookRunStore"/>,
/// and finishes on the version it started with, because published versions stay registered.
/// </para>
/// <para>Thread-safe. Dispose it (the DI container does) to cancel pending timed cards.</para>
/// </remarks>
public sealed partial class PlaybookService : IDisposable, ILiveChatStartTask, IDueWorkOwner
{
    private readonly PublishedPlaybooks _published;
    private readonly ConversationCommands _commands;
    private readonly ConversationService _conversations;
    private readonly AgentService _agents;
    private readonly IdentityService _identity;
    private readonly ICrmGateway _crm;
    private readonly IPlaybookRunStore _runs;
    private readonly EmailService _email;
    private readonly ILogger<PlaybookService> _logger;

    internal PlaybookService(
        ConversationCommands commands,
        ConversationService conversations,
        AgentService agents,
        IdentityService identity,
        ICrmGateway crm,
        IPlaybookRunStore runs,
        IPlaybookStore playbooks,
        IDueWorkStore dueWork,
        BackgroundWork work,
        EmailService email,
        ILogger<PlaybookService> logger,
        IConversationTimers? conversationTimers = null)
    {
        _published = new PublishedPlaybooks(playbooks, commands.Texts, commands.Time, commands.Options.WorkspaceCacheDuration);
        _work = work;
        _dueWork = new DueWorkScheduler(
            dueWork,
            work,
            new Dictionary<DueWorkKind, Func<DueWork, CancellationToken, Task>>
            {
                [DueWorkKind.ContactForm] = ShowTimedFormAsync,
                [DueWorkKind.TranscriptOffer] = ShowTimedFormAsync,
            },
            conversationTimers);
        _email = email;
        _commands = commands;
        _conversations = conversations;
        _agents = agents;
        _identity = identity;
        _crm = crm;
        _runs = runs;
        _logger = logger;
        Bot = new Hook(this);
        identity.ConversationErased = ForgetAnswersAsync;
    }

    /// <summary>The bot's reactions to the write path's events, for the <see cref="Flow.BotReactor"/>.</summary>
    internal IConversationBot Bot { get; }

    /// <summary>How many state machines exist: one per published playbook version, however many conversations run.</summary>
    internal int CompiledMachines => _published.CompiledMachines;

    /// <summary>
    /// The one catalogue of system texts in every supported language, the bot's and every other the SDK shows; override
    /// them here, for every workspace or one (features P2, C4, E5).
    /// </summary>
    public TextCatalog Texts => _commands.Texts;

    /// <summary>
    /// Validates and publishes a playbook for the workspace: new conversations start on it from now on; running ones
    /// finish on the version they started with.
    /// </summary>
    /// <returns>The published playbook.</returns>
    /// <exception cref="ArgumentException">The workspace is undefined.</exception>
    /// <exception cref="PlaybookValidationException">The playbook has defects; all are listed and nothing is published.</exception>
    /// <exception cref="PlaybookVersionConflictException">This version, or a newer one, of the same playbook is already published.</exception>
    /// <exception cref="EngineStoppedException">The engine was disposed; nothing was published.</exception>
    public async ValueTask<Playbook> PublishAsync(WorkspaceId workspace, Playbook playbook, CancellationToken cancellationToken = default)
    {
        Guard.Defined(workspace);
        ArgumentNullException.ThrowIfNull(playbook);
        PlaybookValidator.ThrowIfInvalid(playbook);
        _work.ThrowIfDisposed();
        await _published.PublishAsync(workspace, playbook, cancellationToken).ConfigureAwait(false);

        // The playbook's language is the workspace's where its settings name none: used here at once (other processes
        // within the cache duration), so the system texts speak as the bot does.
        await _commands.Locales.Workspaces.ReloadAsync(workspace, cancellationToken).ConfigureAwait(false);
        return playbook;
    }

    /// <summary>
    /// The playbook new conversations of the workspace start on, or <see langword="null"/> before the first publication.
    /// Read from the <see cref="IPlaybookStore"/>, so it is the one any process published, at most
    /// <see cref="LiveChatOptions.WorkspaceCacheDuration"/> old.
    /// </summary>
    /// <exception cref="ArgumentException">The workspace is undefined.</exception>
    public async ValueTask<Playbook?> GetActiveAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
        => (await _published.ActiveAsync(Guard.Defined(workspace), cancellationToken).ConfigureAwait(false))?.Playbook;

    /// <summary>A published version of a playbook, or <see langword="null"/>; read from the <see cref="IPlaybookStore"/>.</summary>
    /// <exception cref="ArgumentException">The workspace is undefined.</exception>
    public async ValueTask<Playbook?> GetVersionAsync(WorkspaceId workspace, string playbookId, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(playbookId);
        return (await _published.VersionAsync(Guard.Defined(workspace), playbookId, version, cancellationToken).ConfigureAwait(false))?.Playbook;
    }

    /// <summary>
    /// <see cref="GetActiveAsync"/>, blocking while the store answers: kept for start-up code and existing callers; prefer
    /// the asynchronous form on a request path.
    /// </summary>
    /// <exception cref="ArgumentException">The workspace is undefined.</exception>
    public Playbook? GetActive(WorkspaceId workspace) => GetActiveAsync(workspace).AsTask().GetAwaiter().GetResult();

    /// <summary><see cref="GetVersionAsync"/>, blocking while the store answers; prefer the asynchronous form.</summary>
    /// <exception cref="ArgumentException">The workspace is undefined.</exception>
    public Playbook? GetVersion(WorkspaceId workspace, string playbookId, int version)
        => GetVersionAsync(workspace, playbookId, version).AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// The playbook the conversation runs on (the version it started with), else the workspace's active one: what the
    /// host's widget reads colours, icon, bot name and language from (feature P2).
    /// </summary>
    /// <exception cref="ConversationNotFoundException">No such conversation.</exception>
    public async ValueTask<Playbook?> GetPlaybookAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
    {
        await _commands.LoadAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
        var run = await _runs.FindAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
        var machine = run is null ? null : await _published.VersionAsync(workspace, run.PlaybookId, run.Version, cancellationToken).ConfigureAwait(false);
        return machine?.Playbook ?? await GetActiveAsync(workspace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The conversation's place in its playbook, or <see langword="null"/> when the bot never started on it.</summary>
    /// <exception cref="ConversationNotFoundException">No such conversation.</exception>
    public async ValueTask<PlaybookRun?> GetRunAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
    {
        await _commands.LoadAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
        return await _runs.FindAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the workspace's active playbook on a conversation, if it has not started yet. Conversations start on it by
    /// themselves when they are created after the publication; call this for one created before. The bot never starts
    /// on an ongoing conversation: one that left the bot flow or that an agent has joined.
    /// </summary>
    /// <returns>The run; <see langword="null"/> when no playbook is published or the conversation is ongoing.</returns>
    /// <exception cref="ConversationNotFoundException">No such conversation.</exception>
    /// <exception cref="EngineStoppedException">The engine was disposed; no run was started.</exception>
    public async ValueTask<PlaybookRun?> StartAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
    {
        _work.ThrowIfDisposed();
        var conversation = await _commands.LoadAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
        return await StartAsync(conversation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The playbook as a Mermaid state diagram, drawn by Stateless from the same machine conversations run on (feature P8).</summary>
    /// <exception cref="PlaybookValidationException">The playbook has defects.</exception>
    public static string ToMermaidGraph(Playbook playbook)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        PlaybookValidator.ThrowIfInvalid(playbook);
        return new PlaybookMachine(playbook, new TextCatalog()).ToMermaid();
    }

    /// <summary>The playbook as a Graphviz DOT graph (feature P8).</summary>
    /// <exception cref="PlaybookValidationException">The playbook has defects.</exception>
    public static string ToDotGraph(Playbook playbook)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        PlaybookValidator.ThrowIfInvalid(playbook);
        return new PlaybookMachine(playbook, new TextCatalog()).ToDot();
    }

    /// <summary>
    /// Nothing to release: pending timed cards are due work kept in the <see cref="Storage.IDueWorkStore"/>, whose timers
    /// stop with the engine; a durable store keeps them for the next process. Kept so that existing callers still compile.
    /// </summary>
    public void Dispose()
    {
    }

    /// <summary>A privacy erasure (feature X9) removes the visitor's answers and pending timed cards; the card id stays.</summary>
    private async ValueTask ForgetAnswersAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
    {
        await CancelTimerAsync(workspace, conversationId, DueWorkKind.ContactForm, cancellationToken).ConfigureAwait(false);
        await CancelTimerAsync(workspace, conversationId, DueWorkKind.TranscriptOffer, cancellationToken).ConfigureAwait(false);
        await UpdateRunAsync(workspace, conversationId, r => r with { Answers = ImmutableDictionary<string, string>.Empty }, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask<PlaybookMachine?> MachineOfAsync(WorkspaceId workspace, PlaybookRun run, CancellationToken cancellationToken)
        => _published.VersionAsync(workspace, run.PlaybookId, run.Version, cancellationToken);

    private static bool IsNewInbound(Conversation c)
        => c.State == ConversationState.BotFlow && !c.Participants.Any(p => p.Kind == SenderKind.Agent);

    /// <summary>Hands the write path's notifications to the service without making them public.</summary>
    private sealed class Hook(PlaybookService service) : IConversationBot
    {
        public async ValueTask ConversationStartedAsync(Conversation conversation, CancellationToken cancellationToken)
        {
            try
            {
                await service.StartAsync(conversation, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The conversation is stored; a failing bot (a CRM outage, a store error) must not make the start fail.
                Log.PlaybookFailed(service._logger, ex, conversation.Id);
            }
        }

        public async ValueTask VisitorPostedAsync(Conversation conversation, ChatMessage message, CancellationToken cancellationToken)
        {
            try
            {
                await service.AnswerAsync(conversation, message.Text, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The visitor's message is stored; the bot's failure is logged, never reported as the post's.
                Log.PlaybookFailed(service._logger, ex, conversation.Id);
            }
        }

        public async ValueTask ContactFormSubmittedAsync(Conversation conversation, CancellationToken cancellationToken)
        {
            try
            {
                await service.ContactFormSubmittedAsync(conversation, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The form is stored and resolved; the bot's failure is logged, never reported as the submission's.
                Log.PlaybookFailed(service._logger, ex, conversation.Id);
            }
        }

        public bool MayAnswer(WorkspaceId workspace, DateTimeOffset sentAt) => !service._published.KnownToHaveNone(workspace, sentAt);

        public void Observe(Conversation before, Conversation after) => service.Observe(before, after);
    }
}
