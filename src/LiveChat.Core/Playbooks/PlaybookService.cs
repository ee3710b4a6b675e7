using System.Collections.Concurrent;
using System.Collections.Immutable;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Internal;
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
public sealed partial class PlaybookService : IDisposable
{
    private readonly ConcurrentDictionary<(WorkspaceId, string, int), PlaybookMachine> _versions = new();
    private readonly ConcurrentDictionary<WorkspaceId, PlaybookMachine> _active = new();
    private readonly Lock _publishGate = new();
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
        EmailService email,
        ILogger<PlaybookService> logger)
    {
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
    internal int CompiledMachines => _versions.Count;

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
    public ValueTask<Playbook> PublishAsync(WorkspaceId workspace, Playbook playbook, CancellationToken cancellationToken = default)
    {
        Guard.Defined(workspace);
        ArgumentNullException.ThrowIfNull(playbook);
        PlaybookValidator.ThrowIfInvalid(playbook);
        var machine = new PlaybookMachine(playbook, Texts);
        lock (_publishGate)
        {
            var latest = _versions.Keys.Where(k => k.Item1 == workspace && k.Item2 == playbook.Id).Select(k => k.Item3).DefaultIfEmpty(0).Max();
            if (playbook.Version <= latest)
            {
                throw new PlaybookVersionConflictException(playbook.Id, playbook.Version, latest);
            }

            _versions[(workspace, playbook.Id, playbook.Version)] = machine;
            _active[workspace] = machine;
        }

        return ValueTask.FromResult(playbook);
    }

    /// <summary>The playbook new conversations of the workspace start on, or <see langword="null"/> before the first publication.</summary>
    /// <exception cref="ArgumentException">The workspace is undefined.</exception>
    public Playbook? GetActive(WorkspaceId workspace)
        => _active.TryGetValue(Guard.Defined(workspace), out var machine) ? machine.Playbook : null;

    /// <summary>A published version of a playbook, or <see langword="null"/>.</summary>
    /// <exception cref="ArgumentException">The workspace is undefined.</exception>
    public Playbook? GetVersion(WorkspaceId workspace, string playbookId, int version)
    {
        ArgumentNullException.ThrowIfNull(playbookId);
        return _versions.TryGetValue((Guard.Defined(workspace), playbookId, version), out var machine) ? machine.Playbook : null;
    }

    /// <summary>
    /// The playbook the conversation runs on (the version it started with), else the workspace's active one: what the
    /// host's widget reads colours, icon, bot name and language from (feature P2).
    /// </summary>
    /// <exception cref="ConversationNotFoundException">No such conversation.</exception>
    public async ValueTask<Playbook?> GetPlaybookAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
    {
        await _commands.LoadAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
        var run = await _runs.FindAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
        return run is not null && _versions.TryGetValue((workspace, run.PlaybookId, run.Version), out var machine) ? machine.Playbook : GetActive(workspace);
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
    public async ValueTask<PlaybookRun?> StartAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
    {
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

    /// <summary>Cancels every pending timed card.</summary>
    public void Dispose()
    {
        foreach (var key in _timers.Keys)
        {
            CancelTimer(key.Item1, key.Item2, key.Item3);
        }
    }

    /// <summary>A privacy erasure (feature X9) removes the visitor's answers and pending timed cards; the card id stays.</summary>
    private async ValueTask ForgetAnswersAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken)
    {
        CancelTimer(workspace, conversationId, PlaybookFormKind.ContactForm);
        CancelTimer(workspace, conversationId, PlaybookFormKind.TranscriptOffer);
        await UpdateRunAsync(workspace, conversationId, r => r with { Answers = ImmutableDictionary<string, string>.Empty }, cancellationToken).ConfigureAwait(false);
    }

    private PlaybookMachine? MachineOf(WorkspaceId workspace, PlaybookRun run)
        => _versions.TryGetValue((workspace, run.PlaybookId, run.Version), out var machine) ? machine : null;

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

        public void Observe(Conversation before, Conversation after) => service.Observe(before, after);
    }
}
