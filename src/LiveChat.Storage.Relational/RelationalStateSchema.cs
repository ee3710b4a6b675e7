namespace LiveChat.Storage.Relational;

/// <summary>
/// The tables of the durable workspace state (settings, published playbooks, playbook runs, due work, and the e-mail
/// outbox and recipients of <see cref="RelationalEmailStore"/>), created by an
/// idempotent step applied after an adapter's own schema: each statement creates only what is missing, and the step runs
/// in one transaction under the dialect's schema lock, so every start may run it, in any number of processes at once.
/// </summary>
internal static class RelationalStateSchema
{
    /// <summary>Creates the missing tables and indexes.</summary>
    public static Task ApplyAsync(RelationalDatabase database, CancellationToken cancellationToken)
        => ApplyAsync(database, [.. Statements(database.Dialect), .. RelationalEmailStore.Schema], cancellationToken);

    /// <summary>Runs idempotent schema statements in one transaction, under the dialect's schema lock if it has one.</summary>
    public static Task ApplyAsync(RelationalDatabase database, string[] statements, CancellationToken cancellationToken)
        => database.ExecuteInTransactionAsync(database.Dialect.SchemaLock is { } schemaLock ? [schemaLock, .. statements] : statements, cancellationToken);

    private static string[] Statements(StateStoreDialect dialect) =>
    [
        """
        CREATE TABLE IF NOT EXISTS livechat_workspace_settings (
            workspace text NOT NULL,
            section text NOT NULL,
            version bigint NOT NULL,
            body text NOT NULL,
            PRIMARY KEY (workspace, section))
        """,
        $"""
        CREATE TABLE IF NOT EXISTS livechat_playbooks (
            seq {dialect.SequenceColumn},
            workspace text NOT NULL,
            playbook_id text NOT NULL,
            version bigint NOT NULL,
            body text NOT NULL,
            UNIQUE (workspace, playbook_id, version))
        """,
        "CREATE INDEX IF NOT EXISTS livechat_playbooks_active ON livechat_playbooks (workspace, seq)",
        """
        CREATE TABLE IF NOT EXISTS livechat_playbook_runs (
            workspace text NOT NULL,
            conversation text NOT NULL,
            body text NOT NULL,
            PRIMARY KEY (workspace, conversation))
        """,
        """
        CREATE TABLE IF NOT EXISTS livechat_due_work (
            workspace text NOT NULL,
            subject text NOT NULL,
            kind text NOT NULL,
            due_at bigint NOT NULL,
            generation bigint NOT NULL,
            PRIMARY KEY (workspace, subject, kind))
        """,
        "CREATE INDEX IF NOT EXISTS livechat_due_work_due ON livechat_due_work (due_at)",
    ];
}
