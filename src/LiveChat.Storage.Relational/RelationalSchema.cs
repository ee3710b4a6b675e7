using System.Data.Common;
using LiveChat.Core;

namespace LiveChat.Storage.Relational;

/// <summary>
/// The tables every relational store shares (feature X3), as schema steps written in a dialect's types, and the
/// migration that applies them in order, recording the version reached in <c>livechat_schema</c>.
/// </summary>
/// <remarks>
/// Table and column names and types are exactly those the adapters created before this layer existed, so their
/// databases open unchanged. A new table is a new step at the end of a dialect's <see cref="RelationalDialect.SchemaSteps"/>.
/// </remarks>
internal static class RelationalSchema
{
    /// <summary>
    /// Version 1 of both stores: the per-workspace conversation counter, conversations, messages, read cursors and agents.
    /// An agent's <c>registration_order</c>, where the dialect needs one, is kept by an upsert, so listing by it gives the
    /// order agents were first registered in, whichever process registered them.
    /// </summary>
    public static SchemaStep Conversations(RelationalDialect d) => new("conversations, messages and agents",
    [
        $"""
        CREATE TABLE workspaces (
            workspace {d.Text} NOT NULL PRIMARY KEY,
            last_number {d.Int64} NOT NULL)
        """,
        $"""
        CREATE TABLE conversations (
            workspace {d.Text} NOT NULL,
            id {d.ConversationKeyType} NOT NULL,
            number {d.Int64} NOT NULL,
            state {d.Int32} NOT NULL,
            version {d.Int64} NOT NULL,
            channel {d.Text} NOT NULL,
            visitor_name {d.Text} NOT NULL,
            visitor_token_hash {d.Text} NOT NULL,
            counterpart_name {d.Text} NOT NULL,
            assigned_agent {d.Text} NULL,
            started_at {d.Int64} NOT NULL,
            ended_at {d.Int64} NULL,
            last_sequence {d.Int64} NOT NULL,
            participants {d.Json} NOT NULL,
            details {d.Json} NOT NULL,
            created_results {d.Json} NOT NULL,
            PRIMARY KEY (workspace, id),
            UNIQUE (workspace, number))
        """,
        "CREATE INDEX ix_conversations_folder ON conversations (workspace, state, assigned_agent, number)",
        "CREATE INDEX ix_conversations_ended ON conversations (workspace, state, ended_at, number)",
        $"""
        CREATE TABLE messages (
            workspace {d.Text} NOT NULL,
            conversation_id {d.ConversationKeyType} NOT NULL,
            sequence {d.Int64} NOT NULL,
            sender_kind {d.Int32} NOT NULL,
            sender_name {d.Text} NOT NULL,
            sender_agent {d.Text} NULL,
            text {d.Text} NOT NULL,
            client_message_id {d.Text} NULL,
            system_event {d.Int32} NOT NULL,
            sent_at {d.Int64} NOT NULL,
            PRIMARY KEY (workspace, conversation_id, sequence))
        """,
        "CREATE UNIQUE INDEX ux_messages_client_id ON messages (workspace, conversation_id, client_message_id) WHERE client_message_id IS NOT NULL",
        $"""
        CREATE TABLE read_cursors (
            workspace {d.Text} NOT NULL,
            conversation_id {d.ConversationKeyType} NOT NULL,
            reader {d.Text} NOT NULL,
            sequence {d.Int64} NOT NULL,
            PRIMARY KEY (workspace, conversation_id, reader))
        """,
        $"""
        CREATE TABLE agents (
            workspace {d.Text} NOT NULL,
            id {d.Text} NOT NULL,
            {d.InsertOrderColumn("registration_order")}
            display_name {d.Text} NOT NULL,
            max_conversations {d.Int32} NOT NULL,
            status {d.Int32} NOT NULL,
            status_changed_at {d.Int64} NOT NULL,
            open_conversations {d.Int32} NOT NULL,
            PRIMARY KEY (workspace, id))
        """,
    ]);

    /// <summary>
    /// Routing (features R1, R4–R7): an agent's teams (a JSON array of team keys) and last heartbeat, a conversation's
    /// routing ticket (JSON, null before the visitor first asks for an agent), and the teams of a workspace, listed in the
    /// order they were first defined. Adding a nullable column, or one with a constant default, rewrites no row: existing
    /// agents get no teams and no heartbeat, existing conversations no ticket.
    /// </summary>
    public static SchemaStep Routing(RelationalDialect d) => new("routing",
    [
        $"ALTER TABLE agents ADD COLUMN teams {d.Json} NOT NULL DEFAULT '[]'",
        $"ALTER TABLE agents ADD COLUMN last_seen_at {d.Int64} NULL",
        $"ALTER TABLE conversations ADD COLUMN routing {d.Json} NULL",
        $"""
        CREATE TABLE teams (
            workspace {d.Text} NOT NULL,
            id {d.Text} NOT NULL,
            {d.InsertOrderColumn("definition_order")}
            name {d.Text} NOT NULL,
            fallback_team {d.Text} NULL,
            PRIMARY KEY (workspace, id))
        """,
    ]);

    /// <summary>
    /// The identity log (features I1–I6, X9): one row per entry, numbered per workspace. The entry is kept as text,
    /// exactly as <see cref="LiveChat.Core.Storage.StoreJson.SerializeIdentityEvent"/> wrote it (a binary JSON type would
    /// reorder the type property the reader expects first). The primary key is what refuses a second writer's entry with
    /// the same number.
    /// </summary>
    public static SchemaStep IdentityLog(RelationalDialect d) => new("identity log",
    [
        $"""
        CREATE TABLE identity_log (
            workspace {d.Text} NOT NULL,
            sequence {d.Int64} NOT NULL,
            entry {d.Text} NOT NULL,
            PRIMARY KEY (workspace, sequence))
        """,
    ]);

    /// <summary>
    /// Brings the database to the last of <paramref name="dialect"/>'s schema steps, in one transaction: it runs each
    /// step after the version <c>livechat_schema</c> records, then records the new version.
    /// </summary>
    /// <param name="connection">An open connection, not in a transaction.</param>
    /// <param name="dialect">The database's dialect.</param>
    /// <param name="cancellationToken">Cancels the migration; nothing is committed then.</param>
    /// <exception cref="StoreSchemaException">The database was written by a newer version of the code; it is left untouched.</exception>
    public static async Task MigrateAsync(DbConnection connection, RelationalDialect dialect, CancellationToken cancellationToken)
    {
        var steps = dialect.SchemaSteps;
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        if (dialect.MigrationLock is { } migrationLock)
        {
            await ExecuteAsync(transaction, migrationLock, cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(transaction,
            $"CREATE TABLE IF NOT EXISTS livechat_schema (id {dialect.Int32} PRIMARY KEY CHECK (id = 1), version {dialect.Int32} NOT NULL)",
            cancellationToken).ConfigureAwait(false);
        using var read = Command(transaction, "SELECT version FROM livechat_schema WHERE id = 1");
        var found = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } v and not DBNull ? Convert.ToInt32(v, null) : 0;
        if (found > steps.Count)
        {
            throw new StoreSchemaException(found, steps.Count);
        }

        for (var version = found + 1; version <= steps.Count; version++)
        {
            foreach (var statement in steps[version - 1].Statements)
            {
                await ExecuteAsync(transaction, statement, cancellationToken).ConfigureAwait(false);
            }
        }

        if (found < steps.Count)
        {
            await ExecuteAsync(transaction,
                $"INSERT INTO livechat_schema (id, version) VALUES (1, {steps.Count}) ON CONFLICT (id) DO UPDATE SET version = excluded.version",
                cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = Command(transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DbCommand Command(DbTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
