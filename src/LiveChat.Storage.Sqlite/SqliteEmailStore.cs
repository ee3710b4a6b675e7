using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using LiveChat.Storage.Relational;

namespace LiveChat.Storage.Sqlite;

/// <summary>
/// The e-mail outbox and the visitors' addresses in a SQLite database file (feature E6), so that no e-mail is lost when
/// the host restarts. <c>UseSqlite</c> keeps them in its own file already; this store is for an outbox in a file of its
/// own: <c>services.AddLiveChat().UseSqliteEmailStore(cs)</c>. Thread-safe.
/// </summary>
/// <remarks>
/// Its two tables, <c>email_outbox</c> and <c>email_recipients</c>, are created when missing and may share the file of
/// <see cref="SqliteLiveChatStore"/>; the SQL is the one the PostgreSQL adapter runs too (LiveChat.Storage.Relational).
/// Every update is one conditional <c>UPDATE … WHERE version = …</c>, committed with <c>synchronous=FULL</c>, so two
/// dispatchers, even in two processes, never both claim an entry. A driver failure is thrown as
/// <see cref="StoreUnavailableException"/>.
/// </remarks>
public sealed class SqliteEmailStore : IEmailStore
{
    private readonly RelationalEmailStore _store;

    private SqliteEmailStore(RelationalEmailStore store) => _store = store;

    /// <summary>Opens (creating if needed) the database, and creates the outbox tables when they are missing.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string naming a file, such as <c>Data Source=livechat.db</c>.</param>
    /// <exception cref="ArgumentException">The connection string is malformed or names an in-memory database.</exception>
    public static SqliteEmailStore Open(string connectionString)
    {
        var file = SqliteConnectionStrings.RequireFile(connectionString, "outbox", nameof(InMemoryEmailStore));
        var database = new RelationalDatabase(SqliteSettingsDialect.Create(file));
        database.ExecuteAsync("PRAGMA journal_mode=WAL", [], CancellationToken.None).GetAwaiter().GetResult();
        RelationalStateSchema.ApplyAsync(database, RelationalEmailStore.Schema, CancellationToken.None).GetAwaiter().GetResult();
        return new SqliteEmailStore(new RelationalEmailStore(database));
    }

    /// <inheritdoc />
    public ValueTask<EmailDelivery> EnqueueAsync(EmailDelivery delivery, CancellationToken cancellationToken = default)
        => _store.EnqueueAsync(delivery, cancellationToken);

    /// <inheritdoc />
    public ValueTask<EmailDelivery?> FindDeliveryAsync(string id, CancellationToken cancellationToken = default)
        => _store.FindDeliveryAsync(id, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<EmailDelivery>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
        => _store.GetDueAsync(now, limit, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> TryUpdateDeliveryAsync(EmailDelivery updated, CancellationToken cancellationToken = default)
        => _store.TryUpdateDeliveryAsync(updated, cancellationToken);

    /// <inheritdoc />
    public ValueTask<EmailRecipient?> FindRecipientAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
        => _store.FindRecipientAsync(workspace, conversationId, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> TrySaveRecipientAsync(EmailRecipient recipient, CancellationToken cancellationToken = default)
        => _store.TrySaveRecipientAsync(recipient, cancellationToken);
}
