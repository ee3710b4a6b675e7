using System.Collections.Concurrent;
using System.Globalization;
using LiveChat.Core.Agents;
using LiveChat.Core.Internal;

namespace LiveChat.Core.Crm;

/// <summary>
/// The embedded CRM (feature I7): records and activity feeds in process memory, lost when the process ends. Enough for
/// demos, tests and hosts without a CRM; replace it with an <see cref="ICrmGateway"/> for a real one.
/// </summary>
/// <remarks>Thread-safe: one lock per workspace, held only for in-memory work.</remarks>
public sealed class InMemoryCrm : ICrmGateway
{
    private readonly ConcurrentDictionary<WorkspaceId, Book> _workspaces = new();
    private readonly TimeProvider _time;

    /// <summary>Creates an empty CRM.</summary>
    public InMemoryCrm(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <inheritdoc />
    public ValueTask<CrmRecord?> FindAsync(WorkspaceId workspace, CrmRecordId id, CancellationToken cancellationToken = default)
    {
        var book = For(workspace);
        lock (book)
        {
            return ValueTask.FromResult(id.Value is null ? null : book.Records.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<CrmRecord>> FindByEmailAsync(WorkspaceId workspace, string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        var wanted = Email.EmailAddress.MatchForm(email);
        return Where(workspace, r => r.Email is { } e && string.Equals(Email.EmailAddress.MatchForm(e), wanted, StringComparison.Ordinal));
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<CrmRecord>> FindByPhoneAsync(WorkspaceId workspace, string e164, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(e164);
        return Where(workspace, r => string.Equals(r.Phone, e164, StringComparison.Ordinal));
    }

    /// <inheritdoc />
    public ValueTask<CrmRecord> CreateAsync(WorkspaceId workspace, CrmRecordDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        Guard.NotNullOrWhiteSpace(draft.Name, 200, nameof(draft.Name));
        var book = For(workspace);
        lock (book)
        {
            var owner = draft.Owner;
            if (owner is null && draft.DistributionGroup is { } group && book.Groups.TryGetValue(group, out var members) && members.Count > 0)
            {
                var turn = book.Turns.GetValueOrDefault(group);
                owner = members[turn % members.Count];
                book.Turns[group] = turn + 1;
            }

            var id = new CrmRecordId(string.Create(CultureInfo.InvariantCulture, $"{Prefix(draft.Kind)}-{++book.LastId}"));
            var record = new CrmRecord
            {
                Workspace = workspace,
                Id = id,
                Kind = draft.Kind,
                Name = draft.Name,
                Email = draft.Email,
                Phone = draft.Phone,
                Owner = owner,
                Value = draft.Value,
                PersonId = draft.PersonId,
                OrganizationId = draft.OrganizationId,
                Origin = draft.Origin,
                CreatedAt = _time.GetUtcNow(),
            };
            book.Records[id] = record;
            book.Order.Add(id);
            return ValueTask.FromResult(record);
        }
    }

    /// <inheritdoc />
    public ValueTask<CrmRecord> UpdateContactDetailsAsync(WorkspaceId workspace, CrmRecordId id, string? email, string? phone, CancellationToken cancellationToken = default)
    {
        var book = For(workspace);
        lock (book)
        {
            var record = book.Records.GetValueOrDefault(id) ?? throw new CrmRecordNotFoundException(workspace, id);
            record = record with { Email = email ?? record.Email, Phone = phone ?? record.Phone };
            book.Records[id] = record;
            return ValueTask.FromResult(record);
        }
    }

    /// <inheritdoc />
    public ValueTask<CrmRecord> UpdateNameAsync(WorkspaceId workspace, CrmRecordId id, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var book = For(workspace);
        lock (book)
        {
            var record = book.Records.GetValueOrDefault(id) ?? throw new CrmRecordNotFoundException(workspace, id);
            record = record with { Name = name };
            book.Records[id] = record;
            return ValueTask.FromResult(record);
        }
    }

    /// <inheritdoc />
    public ValueTask<CrmActivity> AddActivityAsync(WorkspaceId workspace, CrmActivity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var book = For(workspace);
        lock (book)
        {
            if (!book.Records.ContainsKey(activity.RecordId))
            {
                throw new CrmRecordNotFoundException(workspace, activity.RecordId);
            }

            var stored = activity with { Id = string.Create(CultureInfo.InvariantCulture, $"activity-{++book.LastId}") };
            book.Activities.Add(stored);
            return ValueTask.FromResult(stored);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<CrmActivity>> ListActivitiesAsync(
        WorkspaceId workspace, CrmRecordId id, CrmActivityType? type = null, CancellationToken cancellationToken = default)
    {
        var book = For(workspace);
        lock (book)
        {
            IReadOnlyList<CrmActivity> found = [.. book.Activities.Where(a => a.RecordId == id && (type is null || a.Type == type))];
            return ValueTask.FromResult(found);
        }
    }

    /// <inheritdoc />
    public ValueTask EraseAsync(WorkspaceId workspace, CrmRecordId id, CancellationToken cancellationToken = default)
    {
        var book = For(workspace);
        lock (book)
        {
            book.Records.Remove(id);
            book.Order.Remove(id);
            book.Activities.RemoveAll(a => a.RecordId == id);
            return ValueTask.CompletedTask;
        }
    }

    /// <inheritdoc />
    public ValueTask SetDistributionGroupAsync(WorkspaceId workspace, string group, IReadOnlyList<AgentId> members, CancellationToken cancellationToken = default)
    {
        Guard.NotNullOrWhiteSpace(group, 200);
        ArgumentNullException.ThrowIfNull(members);
        var book = For(workspace);
        lock (book)
        {
            book.Groups[group] = [.. members];
            book.Turns[group] = 0;
            return ValueTask.CompletedTask;
        }
    }

    private static string Prefix(CrmRecordKind kind) => kind switch
    {
        CrmRecordKind.Lead => "lead",
        CrmRecordKind.Person => "person",
        CrmRecordKind.Organization => "organization",
        CrmRecordKind.Deal => "deal",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind of CRM record."),
    };

    private ValueTask<IReadOnlyList<CrmRecord>> Where(WorkspaceId workspace, Func<CrmRecord, bool> predicate)
    {
        var book = For(workspace);
        lock (book)
        {
            IReadOnlyList<CrmRecord> found = [.. book.Order.Select(id => book.Records[id])
                .Where(r => r.Kind is CrmRecordKind.Lead or CrmRecordKind.Person && predicate(r))];
            return ValueTask.FromResult(found);
        }
    }

    private Book For(WorkspaceId workspace) => _workspaces.GetOrAdd(Guard.Defined(workspace), _ => new Book());

    private sealed class Book
    {
        public long LastId { get; set; }

        public Dictionary<CrmRecordId, CrmRecord> Records { get; } = [];

        public List<CrmRecordId> Order { get; } = [];

        public List<CrmActivity> Activities { get; } = [];

        public Dictionary<string, List<AgentId>> Groups { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> Turns { get; } = new(StringComparer.Ordinal);
    }
}
