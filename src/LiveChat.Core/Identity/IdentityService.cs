using System.Collections.Concurrent;
using System.Collections.Immutable;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Internal;
using LiveChat.Core.Storage;
using Microsoft.Extensions.Logging;

namespace LiveChat.Core.Identity;

/// <summary>
/// Chat tracking and the identity graph (features I1–I6, X9): resolves each conversation to one contact, files new
/// clients as leads in the CRM, reports conflicts instead of merging blindly, and keeps an append-only log from which
/// every change can be audited, detached or undone.
/// </summary>
/// <remarks>
/// Thread-safe. Each workspace has its own graph; writers of one workspace are serialized (they may call the CRM),
/// readers take a short lock. Every method validates its input and throws before changing anything. Every write to the
/// identity log goes through the <see cref="IIdentityPort"/>: in this process by default, or to the workspace's single
/// writer when an adapter such as <c>LiveChat.Orleans</c> replaces it (feature X7). Once the engine is disposed, every write
/// (settings, identification, corrections, erasure) is refused with <see cref="EngineStoppedException"/> before it changes
/// anything; reads still work.
/// </remarks>
public sealed partial class IdentityService
{
    /// <summary>The actor recorded for automatic changes.</summary>
    public const string AutomaticActor = "chat-tracking";

    private const int MaxActorLength = 200;
    private const int MaxReasonLength = 1000;
    private const int MaxWriteAttempts = 25;
    private readonly ConcurrentDictionary<WorkspaceId, IdentityBook> _books = new();

    /// <summary>The graph whose writer's turn the current flow holds, if any (see <see cref="ReadAsync"/>).</summary>
    private readonly AsyncLocal<IdentityBook?> _writing = new();
    private readonly IConversationStore _store;
    private readonly IIdentityLogStore _log;
    private readonly ICrmGateway _crm;
    private readonly TimeProvider _time;
    private readonly IConversationEraser? _eraser;
    private readonly WorkspaceLocales _locales;
    private readonly ILogger _logger;
    private readonly BackgroundWork _work;

    private readonly string? _defaultVisitorName;

    /// <summary>
    /// Where <see cref="IdentifyAsync"/> decides: the registered port, this process by default; resolved at the first
    /// decision, since a port depends on this service.
    /// </summary>
    private readonly Lazy<IIdentityPort> _port;

    /// <summary>The port, resolved at the first identity call.</summary>
    /// <exception cref="EngineStoppedException">The first identity call came after the engine's container was disposed.</exception>
    private IIdentityPort Port
    {
        get
        {
            try
            {
                return _port.Value;
            }
            catch (ObjectDisposedException)
            {
                throw new EngineStoppedException();
            }
        }
    }

    internal IdentityService(
        IConversationStore store, IIdentityLogStore log, ICrmGateway crm, TimeProvider time, WorkspaceLocales locales, BackgroundWork work, ILogger<IdentityService> logger,
        Lazy<IIdentityPort> port, string? defaultVisitorName = null)
    {
        _work = work;
        _port = port;
        _locales = locales;
        _defaultVisitorName = defaultVisitorName;
        _logger = logger;
        _store = store;
        _log = log;
        _crm = crm;
        _time = time;
        _eraser = store as IConversationEraser;
    }

    /// <summary>Replaces a workspace's identity settings; they apply to the next call.</summary>
    /// <remarks>
    /// Saved in the <see cref="IWorkspaceSettingsStore"/>: every process over the same database uses them, this one at once
    /// and others within <see cref="LiveChatOptions.WorkspaceCacheDuration"/>, and a restart keeps them.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// An unknown region, a limit below 1, <c>default(AgentId)</c> as the lead owner, or a text (region, host secret,
    /// distribution group, channel, role mailbox, blocked value) that is white space, too long, or holds a control character
    /// or a lone surrogate: refused, never cleaned, and the message names the setting.
    /// </exception>
    public async ValueTask ConfigureAsync(WorkspaceId workspace, IdentitySettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Guard.Defined(workspace);
        CheckRegion(settings.DefaultRegion, nameof(settings.DefaultRegion));
        foreach (var channel in settings.Channels.Values)
        {
            CheckRegion(channel.DefaultRegion, nameof(ChannelTracking.DefaultRegion));
        }

        CheckTexts(settings);
        Guard.InRange(settings.MaxContactsPerValue, 1, 1000, nameof(settings.MaxContactsPerValue));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(settings.DormancyPeriod, TimeSpan.Zero, nameof(settings.DormancyPeriod));
        var json = WorkspaceSettingsJson.Write(settings);
        var saved = await _locales.Workspaces.SaveAsync(workspace, WorkspaceSettingsJson.Identity, _ => json, cancellationToken).ConfigureAwait(false);
        var book = Book(workspace);
        lock (book.Gate)
        {
            book.Settings = saved.Identity;
        }
    }

    /// <summary>
    /// <see cref="ConfigureAsync"/>, blocking while the store saves: kept for start-up code and existing callers; prefer
    /// the asynchronous form.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="ConfigureAsync"/>; nothing changes then.</exception>
    public void Configure(WorkspaceId workspace, IdentitySettings settings) => ConfigureAsync(workspace, settings).AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// A workspace's identity settings, from this process's copy while it is younger than
    /// <see cref="LiveChatOptions.WorkspaceCacheDuration"/>; an older copy is refreshed off the caller's path (served
    /// meanwhile when the store is slow). Blocks on the store only at the workspace's first read in this process; prefer
    /// <see cref="GetSettingsAsync"/>, which never blocks.
    /// </summary>
    public IdentitySettings GetSettings(WorkspaceId workspace) => _locales.Workspaces.Get(Guard.Defined(workspace)).Identity;

    /// <summary>
    /// A workspace's identity settings as stored, read again from the <see cref="IWorkspaceSettingsStore"/> once this
    /// process's copy is older than <see cref="LiveChatOptions.WorkspaceCacheDuration"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The workspace is undefined.</exception>
    public async ValueTask<IdentitySettings> GetSettingsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
        => (await _locales.Workspaces.GetAsync(Guard.Defined(workspace), cancellationToken).ConfigureAwait(false)).Identity;

    /// <summary>The contact, whether active, merged or erased.</summary>
    /// <exception cref="ArgumentException"><c>default(ContactId)</c>.</exception>
    /// <exception cref="ContactNotFoundException">No such contact in this workspace.</exception>
    public async ValueTask<Contact> GetContactAsync(WorkspaceId workspace, ContactId contactId, CancellationToken cancellationToken = default)
    {
        Guard.Defined(contactId);
        return await ReadAsync(workspace, b => b.Find(contactId), cancellationToken).ConfigureAwait(false) ?? throw new ContactNotFoundException(workspace, contactId);
    }

    /// <summary>The active contact a conversation is attached to, if any.</summary>
    public ValueTask<Contact?> FindByConversationAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
        => ReadAsync(workspace, b => b.FindByConversation(conversationId), cancellationToken);

    /// <summary>
    /// The one active contact that <paramref name="identifier"/> identifies, or <see langword="null"/> when none does, or
    /// when the value is blocked or shared by several contacts.
    /// </summary>
    public ValueTask<Contact?> FindAsync(WorkspaceId workspace, ContactIdentifier identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return ReadAsync(workspace, b => FindLocked(b, identifier), cancellationToken);
    }

    /// <summary>Every contact of the workspace, active, merged and erased.</summary>
    public ValueTask<IReadOnlyList<Contact>> GetContactsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
        => ReadAsync<IReadOnlyList<Contact>>(workspace, b => b.Contacts.OrderBy(c => c.Id.Value).ToArray(), cancellationToken);

    /// <summary>Possible duplicates reported for an agent to decide (feature I6).</summary>
    public ValueTask<IReadOnlyList<MergeSuggestion>> GetSuggestionsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
        => ReadAsync<IReadOnlyList<MergeSuggestion>>(workspace, b => b.Suggestions.ToArray(), cancellationToken);

    /// <summary>The workspace's whole append-only log, oldest first (feature I5).</summary>
    public ValueTask<IReadOnlyList<IdentityEvent>> GetLogAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
        => ReadAsync<IReadOnlyList<IdentityEvent>>(workspace, b => b.Log.ToArray(), cancellationToken);

    /// <summary>Every log entry concerning <paramref name="contactId"/>, oldest first (feature I5).</summary>
    /// <exception cref="ContactNotFoundException">No such contact.</exception>
    public async ValueTask<IReadOnlyList<IdentityEvent>> GetAuditTrailAsync(WorkspaceId workspace, ContactId contactId, CancellationToken cancellationToken = default)
    {
        Guard.Defined(contactId);
        var trail = await ReadAsync(workspace, b => b.Find(contactId) is null ? null : b.Log.Where(e => e.Concerns(contactId)).ToArray(), cancellationToken)
            .ConfigureAwait(false);
        return trail ?? throw new ContactNotFoundException(workspace, contactId);
    }

    /// <summary>Rebuilds contacts from a log, as <see cref="GetLogAsync"/> returned it; ordered like <see cref="GetContactsAsync"/>.</summary>
    public static IReadOnlyList<Contact> Replay(WorkspaceId workspace, IEnumerable<IdentityEvent> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return [.. IdentityBook.Replay(workspace, log).Contacts.OrderBy(c => c.Id.Value)];
    }

    /// <summary>The workspace's graph as this process has it, without reading the store; a new one starts empty.</summary>
    internal IdentityBook Book(WorkspaceId workspace)
        => _books.GetOrAdd(Guard.Defined(workspace), (w, self) => new IdentityBook(w) { Settings = self._locales.Workspaces.Get(w).Identity, IsDefaultName = name => self.IsDefaultName(w, name) }, this);

    private static Contact? FindLocked(IdentityBook book, ContactIdentifier identifier)
    {
        var owners = book.Owners(identifier.Key);
        return owners.Count == 1 && !IdentityRules.IsBlocked(identifier, book.Settings) ? book.Find(owners[0]) : null;
    }

    private static void CheckRegion(string? region, string paramName)
    {
        if (region is not null && !PhoneNumberParser.IsSupportedRegion(region))
        {
            throw new ArgumentException($"'{region}' is not an ISO 3166 region known to the phone number parser.", paramName);
        }
    }

    /// <summary>Checks who writes and why, then the workspace (its check came last before writes went through the port).</summary>
    private static (string Actor, string Reason) CheckWho(WorkspaceId workspace, string actor, string reason)
    {
        var who = (Guard.NotNullOrWhiteSpace(actor, MaxActorLength), Guard.NotNullOrWhiteSpace(reason, MaxReasonLength));
        Guard.Defined(workspace);
        return who;
    }

    internal static ImmutableArray<ContactIdentifier> Distinct(List<ContactIdentifier> identifiers)
    {
        if (identifiers.Count <= 1)
        {
            return [.. identifiers];
        }

        var seen = new HashSet<IdentifierKey>();
        var result = ImmutableArray.CreateBuilder<ContactIdentifier>();
        foreach (var identifier in identifiers.OrderByDescending(i => i.Verification))
        {
            if (seen.Add(identifier.Key))
            {
                result.Add(identifier);
            }
        }

        return result.ToImmutable();
    }
}
