using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveChat.Storage.Sqlite;

/// <summary>
/// The e-mail outbox and the visitors' addresses in a SQLite database file (feature E6), so that no e-mail is lost when
/// the host restarts: <c>services.AddLiveChat().UseSqlite(cs).UseSqliteEmailStore(cs)</c>. Thread-safe.
/// </summary>
/// <remarks>
/// Its two tables, <c>email_outbox</c> and <c>email_recipients</c>, are created when missing and may share the file of
/// <see cref="SqliteLiveChatStore"/>. Every update is one conditional <c>UPDATE … WHERE version = …</c>, committed with
/// <c>synchronous=FULL</c>, so two dispatchers, even in two processes, never both claim an entry.
/// </remarks>
public sealed class SqliteEmailStore : IEmailStore
{
    private const string Columns =
        "id, workspace, conversation_id, kind, message_id, from_address, from_name, to_address, to_name, subject, html_body, text_body, headers, " +
        "status, attempts, enqueued_at, next_attempt_at, sent_at, last_error, covers_up_to, version";

    private static readonly string[] Schema =
    [
        $"""
        CREATE TABLE IF NOT EXISTS email_outbox (
            id TEXT NOT NULL PRIMARY KEY,
            workspace TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            kind INTEGER NOT NULL,
            message_id TEXT NOT NULL,
            from_address TEXT NOT NULL,
            from_name TEXT NULL,
            to_address TEXT NOT NULL,
            to_name TEXT NULL,
            subject TEXT NOT NULL,
            html_body TEXT NOT NULL,
            text_body TEXT NOT NULL,
            headers TEXT NOT NULL,
            status INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            enqueued_at INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            sent_at INTEGER NULL,
            last_error TEXT NULL,
            covers_up_to INTEGER NOT NULL,
            version INTEGER NOT NULL)
        """,
        // Only unfinished entries are indexed: the dispatcher's scan never reads the history of sent e-mails.
        "CREATE INDEX IF NOT EXISTS ix_email_outbox_due ON email_outbox (next_attempt_at, id) WHERE status IN (0, 1)",
        """
        CREATE TABLE IF NOT EXISTS email_recipients (
            workspace TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            address TEXT NOT NULL,
            display_name TEXT NULL,
            left_while_offline INTEGER NOT NULL,
            notified_up_to INTEGER NOT NULL,
            version INTEGER NOT NULL,
            PRIMARY KEY (workspace, conversation_id))
        """,
    ];

    private readonly string _connectionString;

    private SqliteEmailStore(string connectionString) => _connectionString = connectionString;

    /// <summary>Where driver failures are logged before they become <see cref="StoreUnavailableException"/>; set by <c>UseSqliteEmailStore</c>.</summary>
    internal ILogger Logger { get; set; } = NullLogger.Instance;

    /// <summary>Opens (creating if needed) the database, and creates the outbox tables when they are missing.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string naming a file, such as <c>Data Source=livechat.db</c>.</param>
    /// <exception cref="ArgumentException">The connection string is malformed or names an in-memory database.</exception>
    public static SqliteEmailStore Open(string connectionString)
    {
        var store = new SqliteEmailStore(SqliteConnectionStrings.RequireFile(connectionString, "outbox", nameof(InMemoryEmailStore)));
        using var connection = store.Connect();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL";
            wal.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        foreach (var statement in Schema)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statement;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return store;
    }

    /// <inheritdoc />
    public ValueTask<EmailDelivery> EnqueueAsync(EmailDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentOutOfRangeException.ThrowIfNotEqual(delivery.Version, 1L, nameof(delivery));
        return Run(connection =>
        {
            using (var insert = connection.CreateCommand())
            {
                insert.CommandText = $"INSERT INTO email_outbox ({Columns}) VALUES ({Parameters()}) ON CONFLICT (id) DO NOTHING";
                Bind(insert, delivery);
                insert.ExecuteNonQuery();
            }

            return Find(connection, delivery.Id)!;
        });
    }

    /// <inheritdoc />
    public ValueTask<EmailDelivery?> FindDeliveryAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Run(connection =>
        {
            return Find(connection, id);
        });
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<EmailDelivery>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return Run(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM email_outbox WHERE status IN (0, 1) AND next_attempt_at <= $now ORDER BY next_attempt_at, id LIMIT $limit";
            command.Parameters.AddWithValue("$now", now.UtcTicks);
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            var due = new List<EmailDelivery>();
            while (reader.Read())
            {
                due.Add(Read(reader));
            }

            return (IReadOnlyList<EmailDelivery>)due;
        });
    }

    /// <inheritdoc />
    public ValueTask<bool> TryUpdateDeliveryAsync(EmailDelivery updated, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updated);
        return Run(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText =
                "UPDATE email_outbox SET status = $status, attempts = $attempts, next_attempt_at = $next_attempt_at, sent_at = $sent_at, " +
                "last_error = $last_error, covers_up_to = $covers_up_to, version = $version WHERE id = $id AND version = $version - 1";
            Bind(command, updated);
            return command.ExecuteNonQuery() == 1;
        });
    }

    /// <inheritdoc />
    public ValueTask<EmailRecipient?> FindRecipientAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
    {
        return Run(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText =
                "SELECT address, display_name, left_while_offline, notified_up_to, version FROM email_recipients WHERE workspace = $workspace AND conversation_id = $conversation";
            command.Parameters.AddWithValue("$workspace", workspace.Value);
            command.Parameters.AddWithValue("$conversation", conversationId.Value.ToString("N"));
            using var reader = command.ExecuteReader();
            return (reader.Read()
                ? new EmailRecipient
                {
                    Workspace = workspace,
                    ConversationId = conversationId,
                    Address = EmailAddress.Create(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)),
                    LeftWhileOffline = reader.GetInt64(2) != 0,
                    NotifiedUpToSequence = reader.GetInt64(3),
                    Version = reader.GetInt64(4),
                }
                : null);
        });
    }

    /// <inheritdoc />
    public ValueTask<bool> TrySaveRecipientAsync(EmailRecipient recipient, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return Run(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = recipient.Version == 1
                ? "INSERT INTO email_recipients (workspace, conversation_id, address, display_name, left_while_offline, notified_up_to, version) " +
                  "VALUES ($workspace, $conversation, $address, $display_name, $offline, $notified, $version) ON CONFLICT DO NOTHING"
                : "UPDATE email_recipients SET address = $address, display_name = $display_name, left_while_offline = $offline, notified_up_to = $notified, " +
                  "version = $version WHERE workspace = $workspace AND conversation_id = $conversation AND version = $version - 1";
            var p = command.Parameters;
            p.AddWithValue("$workspace", recipient.Workspace.Value);
            p.AddWithValue("$conversation", recipient.ConversationId.Value.ToString("N"));
            p.AddWithValue("$address", recipient.Address.Address);
            p.AddWithValue("$display_name", (object?)recipient.Address.DisplayName ?? DBNull.Value);
            p.AddWithValue("$offline", recipient.LeftWhileOffline ? 1 : 0);
            p.AddWithValue("$notified", recipient.NotifiedUpToSequence);
            p.AddWithValue("$version", recipient.Version);
            return command.ExecuteNonQuery() == 1;
        });
    }

    /// <summary>Runs <paramref name="work"/> on a new connection; a driver failure becomes a logged <see cref="StoreUnavailableException"/>.</summary>
    private ValueTask<T> Run<T>(Func<SqliteConnection, T> work, [CallerMemberName] string operation = "")
    {
        try
        {
            using var connection = Connect();
            return ValueTask.FromResult(work(connection));
        }
        catch (Exception e) when (StoreUnavailableException.IsStoreFailure(e))
        {
            throw StoreUnavailableException.Logged(operation, e, Logger);
        }
    }

    private static string Parameters() => string.Join(", ", Columns.Split(", ").Select(c => "$" + c));

    private static EmailDelivery? Find(SqliteConnection connection, string id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM email_outbox WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static void Bind(SqliteCommand command, EmailDelivery d)
    {
        var p = command.Parameters;
        p.AddWithValue("$id", d.Id);
        p.AddWithValue("$workspace", d.Workspace.Value);
        p.AddWithValue("$conversation_id", d.ConversationId.Value.ToString("N"));
        p.AddWithValue("$kind", (int)d.Kind);
        p.AddWithValue("$message_id", d.Message.MessageId);
        p.AddWithValue("$from_address", d.Message.From.Address);
        p.AddWithValue("$from_name", (object?)d.Message.From.DisplayName ?? DBNull.Value);
        p.AddWithValue("$to_address", d.Message.To.Address);
        p.AddWithValue("$to_name", (object?)d.Message.To.DisplayName ?? DBNull.Value);
        p.AddWithValue("$subject", d.Message.Subject);
        p.AddWithValue("$html_body", d.Message.HtmlBody);
        p.AddWithValue("$text_body", d.Message.TextBody);
        p.AddWithValue("$headers", JsonSerializer.Serialize(d.Message.Headers.ToDictionary(h => h.Key, h => h.Value)));
        p.AddWithValue("$status", (int)d.Status);
        p.AddWithValue("$attempts", d.Attempts);
        p.AddWithValue("$enqueued_at", d.EnqueuedAt.UtcTicks);
        p.AddWithValue("$next_attempt_at", d.NextAttemptAt.UtcTicks);
        p.AddWithValue("$sent_at", (object?)d.SentAt?.UtcTicks ?? DBNull.Value);
        p.AddWithValue("$last_error", (object?)d.LastError ?? DBNull.Value);
        p.AddWithValue("$covers_up_to", d.CoversUpToSequence);
        p.AddWithValue("$version", d.Version);
    }

    private static EmailDelivery Read(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        Workspace = new WorkspaceId(r.GetString(1)),
        ConversationId = new ConversationId(Guid.ParseExact(r.GetString(2), "N")),
        Kind = (EmailKind)r.GetInt32(3),
        Message = new EmailMessage
        {
            MessageId = r.GetString(4),
            From = EmailAddress.Create(r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6)),
            To = EmailAddress.Create(r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8)),
            Subject = r.GetString(9),
            HtmlBody = r.GetString(10),
            TextBody = r.GetString(11),
            Headers = (JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(12)) ?? []).ToImmutableDictionary(),
        },
        Status = (EmailDeliveryStatus)r.GetInt32(13),
        Attempts = r.GetInt32(14),
        EnqueuedAt = new DateTimeOffset(r.GetInt64(15), TimeSpan.Zero),
        NextAttemptAt = new DateTimeOffset(r.GetInt64(16), TimeSpan.Zero),
        SentAt = r.IsDBNull(17) ? null : new DateTimeOffset(r.GetInt64(17), TimeSpan.Zero),
        LastError = r.IsDBNull(18) ? null : r.GetString(18),
        CoversUpToSequence = r.GetInt64(19),
        Version = r.GetInt64(20),
    };

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
        pragmas.ExecuteNonQuery();
        return connection;
    }
}
