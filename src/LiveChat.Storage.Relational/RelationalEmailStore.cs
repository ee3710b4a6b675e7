using System.Collections.Immutable;
using System.Data.Common;
using System.Text.Json;
using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Email;

namespace LiveChat.Storage.Relational;

/// <summary>
/// <see cref="IEmailStore"/> on a SQL database (features E3, E4, E6): the outbox in <c>email_outbox</c>, instants in UTC
/// ticks, headers as a JSON object; the visitors' addresses in <c>email_recipients</c>, one row per conversation. Every
/// update is one conditional <c>UPDATE … WHERE version = …</c>, so two dispatchers, even in two processes, never both
/// claim an entry. The SQL is the same on SQLite and PostgreSQL. Thread-safe.
/// </summary>
internal sealed class RelationalEmailStore(RelationalDatabase database) : IEmailStore
{
    /// <summary>The two tables and the due index, each created only when missing; applied with the state's schema step.</summary>
    public static readonly string[] Schema =
    [
        """
        CREATE TABLE IF NOT EXISTS email_outbox (
            id text NOT NULL PRIMARY KEY,
            workspace text NOT NULL,
            conversation_id text NOT NULL,
            kind integer NOT NULL,
            message_id text NOT NULL,
            from_address text NOT NULL,
            from_name text NULL,
            to_address text NOT NULL,
            to_name text NULL,
            subject text NOT NULL,
            html_body text NOT NULL,
            text_body text NOT NULL,
            headers text NOT NULL,
            status integer NOT NULL,
            attempts integer NOT NULL,
            enqueued_at bigint NOT NULL,
            next_attempt_at bigint NOT NULL,
            sent_at bigint NULL,
            last_error text NULL,
            covers_up_to bigint NOT NULL,
            version bigint NOT NULL)
        """,
        // Only unfinished entries are indexed: the dispatcher's scan never reads the history of sent e-mails.
        "CREATE INDEX IF NOT EXISTS ix_email_outbox_due ON email_outbox (next_attempt_at, id) WHERE status IN (0, 1)",
        """
        CREATE TABLE IF NOT EXISTS email_recipients (
            workspace text NOT NULL,
            conversation_id text NOT NULL,
            address text NOT NULL,
            display_name text NULL,
            left_while_offline integer NOT NULL,
            notified_up_to bigint NOT NULL,
            version bigint NOT NULL,
            PRIMARY KEY (workspace, conversation_id))
        """,
    ];

    private const string Columns =
        "id, workspace, conversation_id, kind, message_id, from_address, from_name, to_address, to_name, subject, html_body, text_body, headers, " +
        "status, attempts, enqueued_at, next_attempt_at, sent_at, last_error, covers_up_to, version";

    private static readonly string Parameters = string.Join(", ", Enumerable.Range(0, Columns.Split(", ").Length).Select(i => $"@p{i}"));

    public async ValueTask<EmailDelivery> EnqueueAsync(EmailDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentOutOfRangeException.ThrowIfNotEqual(delivery.Version, 1L, nameof(delivery));
        await database.ExecuteAsync(
            $"INSERT INTO email_outbox ({Columns}) VALUES ({Parameters}) ON CONFLICT (id) DO NOTHING", Row(delivery), cancellationToken).ConfigureAwait(false);
        return (await FindDeliveryAsync(delivery.Id, cancellationToken).ConfigureAwait(false))!;
    }

    public async ValueTask<EmailDelivery?> FindDeliveryAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return await database.QuerySingleAsync($"SELECT {Columns} FROM email_outbox WHERE id = @p0", [id], Read, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<EmailDelivery>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return await database.QueryAsync(
            $"SELECT {Columns} FROM email_outbox WHERE status IN (0, 1) AND next_attempt_at <= @p0 ORDER BY next_attempt_at, id LIMIT @p1",
            [now.UtcTicks, (long)limit],
            Read,
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> TryUpdateDeliveryAsync(EmailDelivery updated, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updated);
        return await database.ExecuteAsync(
            "UPDATE email_outbox SET status = @p1, attempts = @p2, next_attempt_at = @p3, sent_at = @p4, last_error = @p5, covers_up_to = @p6, version = @p7 " +
            "WHERE id = @p0 AND version = @p8",
            [updated.Id, (int)updated.Status, updated.Attempts, updated.NextAttemptAt.UtcTicks, updated.SentAt?.UtcTicks, updated.LastError,
                updated.CoversUpToSequence, updated.Version, updated.Version - 1],
            cancellationToken).ConfigureAwait(false) == 1;
    }

    public async ValueTask<EmailRecipient?> FindRecipientAsync(WorkspaceId workspace, ConversationId conversationId, CancellationToken cancellationToken = default)
    {
        return await database.QuerySingleAsync(
            "SELECT address, display_name, left_while_offline, notified_up_to, version FROM email_recipients WHERE workspace = @p0 AND conversation_id = @p1",
            [workspace.Value, conversationId.Value.ToString("N")],
            r => new EmailRecipient
            {
                Workspace = workspace,
                ConversationId = conversationId,
                Address = EmailAddress.Create(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1)),
                LeftWhileOffline = r.GetInt32(2) != 0,
                NotifiedUpToSequence = r.GetInt64(3),
                Version = r.GetInt64(4),
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> TrySaveRecipientAsync(EmailRecipient recipient, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var sql = recipient.Version == 1
            ? "INSERT INTO email_recipients (workspace, conversation_id, address, display_name, left_while_offline, notified_up_to, version) " +
              "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6) ON CONFLICT DO NOTHING"
            : "UPDATE email_recipients SET address = @p2, display_name = @p3, left_while_offline = @p4, notified_up_to = @p5, version = @p6 " +
              "WHERE workspace = @p0 AND conversation_id = @p1 AND version = @p7";
        return await database.ExecuteAsync(
            sql,
            [recipient.Workspace.Value, recipient.ConversationId.Value.ToString("N"), recipient.Address.Address, recipient.Address.DisplayName,
                recipient.LeftWhileOffline ? 1 : 0, recipient.NotifiedUpToSequence, recipient.Version, recipient.Version - 1],
            cancellationToken).ConfigureAwait(false) == 1;
    }

    private static object?[] Row(EmailDelivery d) =>
    [
        d.Id, d.Workspace.Value, d.ConversationId.Value.ToString("N"), (int)d.Kind, d.Message.MessageId,
        d.Message.From.Address, d.Message.From.DisplayName, d.Message.To.Address, d.Message.To.DisplayName,
        d.Message.Subject, d.Message.HtmlBody, d.Message.TextBody, JsonSerializer.Serialize(d.Message.Headers.ToDictionary(h => h.Key, h => h.Value)),
        (int)d.Status, d.Attempts, d.EnqueuedAt.UtcTicks, d.NextAttemptAt.UtcTicks, d.SentAt?.UtcTicks, d.LastError, d.CoversUpToSequence, d.Version,
    ];

    private static EmailDelivery Read(DbDataReader r) => new()
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
}
