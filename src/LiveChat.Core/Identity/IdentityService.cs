using System.Collections.Concurrent;
using System.Collections.Immutable;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Internal;
using LiveChat.Core.Storage;

namespace LiveChat.Core.Identity;

/// <summary>
/// Chat tracking and the identity graph (features I1–I6, X9): resolves each conversation to one contact, files new
/// clients as leads in the CRM, reports conflicts instead of merging blindly, and keeps an append-only log from which
/// every change can be audited, detached or undone.
/// </summary>
/// <remarks>
/// Thread-safe. Each workspace has its own graph; writers of one workspace are serialized (they may call the CRM),
/// readers take a short lock. Every method validates its input and throws before changing anything.
/// </remarks>
public sealed partial class IdentityService
{
    /// <summary>The actor recorded for automatic changes.</summary>
    public const string AutomaticActor = "chat-tracking";

    private const int MaxActorLength = 200;
    private const int MaxReasonLength = 1000;
    private readonly ConcurrentDictionary<WorkspaceId, IdentityBook> _books = new();
    private readonly IConversationStore _store;
    private readonly ICrmGateway _crm;
    private readonly TimeProvider _time;
    private readonly IConversationEraser? _eraser;

    internal IdentityService(IConversationStore store, ICrmGateway crm, TimeProvider time)
    {
        _store = store;
        _crm = crm;
        _time = time;
        _eraser = store as IConversationEraser;
    }

    /// <summary>Replaces a workspace's identity settings; they apply to the next call.</summary>
    /// <exception cref="ArgumentException">An unknown region, or a limit below 1.</exception>
    public void Configure(WorkspaceId workspace, IdentitySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        CheckRegion(settings.DefaultRegion, nameof(settings.DefaultRegion));
        foreach (var channel in settings.Channels.Values)
        {
            CheckRegion(channel.DefaultRegion, nameof(ChannelTracking.DefaultRegion));
        }

        Guard.InRange(settings.MaxContactsPerValue, 1, 1000, nameof(settings.MaxContactsPerValue));
        var book = Book(workspace);
        lock (book.Gate)
        {
            book.Settings = settings;
        }
    }

    /// <summary>A workspace's identity settings.</summary>
    public IdentitySettings GetSettings(WorkspaceId workspace) => Read(workspace, b => b.Settings);

    /// <summary>The contact, whether active, merged or erased.</summary>
    /// <exception cref="ContactNotFoundException">No such contact in this workspace.</exception>
    public ValueTask<Contact> GetContactAsync(WorkspaceId workspace, ContactId contactId, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Read(workspace, b => b.Find(contactId)) ?? throw new ContactNotFoundException(workspace, contactId));

    /// <summary>The active contact a conversation is attached to, if any.</summary>
    public ValueTask<Contact?> FindByConversationAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Read(workspace, b => b.FindByConversation(conversationId)));

    /// <summary>
    /// The one active contact that <paramref name="identifier"/> identifies, or <see langword="null"/> when none does, or
    /// when the value is blocked or shared by several contacts.
    /// </summary>
    public ValueTask<Contact?> FindAsync(WorkspaceId workspace, ContactIdentifier identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var book = Book(workspace);
        lock (book.Gate)
        {
            return ValueTask.FromResult(FindLocked(book, identifier));
        }
    }

    /// <summary>Every contact of the workspace, active, merged and erased.</summary>
    public ValueTask<IReadOnlyList<Contact>> GetContactsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IReadOnlyList<Contact>>(Read(workspace, b => b.Contacts.OrderBy(c => c.Id.Value).ToArray()));

    /// <summary>Possible duplicates reported for an agent to decide (feature I6).</summary>
    public ValueTask<IReadOnlyList<MergeSuggestion>> GetSuggestionsAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IReadOnlyList<MergeSuggestion>>(Read(workspace, b => b.Suggestions.ToArray()));

    /// <summary>The workspace's whole append-only log, oldest first (feature I5).</summary>
    public ValueTask<IReadOnlyList<IdentityEvent>> GetLogAsync(WorkspaceId workspace, CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IReadOnlyList<IdentityEvent>>(Read(workspace, b => b.Log.ToArray()));

    /// <summary>Every log entry concerning <paramref name="contactId"/>, oldest first (feature I5).</summary>
    /// <exception cref="ContactNotFoundException">No such contact.</exception>
    public ValueTask<IReadOnlyList<IdentityEvent>> GetAuditTrailAsync(WorkspaceId workspace, ContactId contactId, CancellationToken cancellationToken = default)
    {
        var trail = Read(workspace, b => b.Find(contactId) is null ? null : b.Log.Where(e => e.Concerns(contactId)).ToArray());
        return ValueTask.FromResult<IReadOnlyList<IdentityEvent>>(trail ?? throw new ContactNotFoundException(workspace, contactId));
    }

    /// <summary>
    /// The conversations the visitor of <paramref name="conversationId"/> may see: the contact's other conversations
    /// only when this one is attached by proof from the channel or the host, never by something the visitor typed (I6).
    /// </summary>
    public ValueTask<IReadOnlyList<ConversationId>> GetVisitorHistoryAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ConversationId> history = Read(workspace, b =>
        {
            var contact = b.FindByConversation(conversationId);
            var link = contact?.Conversations.First(c => c.ConversationId == conversationId);
            return contact is null || link!.Verification < VerificationLevel.ChannelAsserted
                ? [conversationId]
                : contact.Conversations.Where(c => c.ConversationId == conversationId || c.Verification >= VerificationLevel.ChannelAsserted)
                    .Select(c => c.ConversationId).ToArray();
        });
        return ValueTask.FromResult(history);
    }

    /// <summary>Rebuilds contacts from a log, as <see cref="GetLogAsync"/> returned it; ordered like <see cref="GetContactsAsync"/>.</summary>
    public static IReadOnlyList<Contact> Replay(WorkspaceId workspace, IEnumerable<IdentityEvent> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return [.. IdentityBook.Replay(workspace, log).Contacts.OrderBy(c => c.Id.Value)];
    }

    internal IdentityBook Book(WorkspaceId workspace) => _books.GetOrAdd(Guard.Defined(workspace), static w => new IdentityBook(w));

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

    private static (string Actor, string Reason) CheckWho(string actor, string reason)
        => (Guard.NotNullOrWhiteSpace(actor, MaxActorLength), Guard.NotNullOrWhiteSpace(reason, MaxReasonLength));

    private T Read<T>(WorkspaceId workspace, Func<IdentityBook, T> read)
    {
        var book = Book(workspace);
        lock (book.Gate)
        {
            return read(book);
        }
    }

    private static void Append(IdentityBook book, IEnumerable<IdentityEvent> entries)
    {
        lock (book.Gate)
        {
            foreach (var entry in entries)
            {
                book.Apply(entry);
            }
        }
    }

    private async ValueTask<T> WriteAsync<T>(WorkspaceId workspace, Func<IdentityBook, ValueTask<T>> write, CancellationToken cancellationToken)
    {
        var book = Book(workspace);
        await book.Writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await write(book).ConfigureAwait(false);
        }
        finally
        {
            book.Writer.Release();
        }
    }

    private static ImmutableArray<ContactIdentifier> Distinct(List<ContactIdentifier> identifiers)
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
