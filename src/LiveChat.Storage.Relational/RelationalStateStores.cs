namespace LiveChat.Storage.Relational;

/// <summary>
/// The durable-state stores and the e-mail outbox over one SQL database, its schema step applied: what <c>UseSqlite</c> and
/// <c>UsePostgreSql</c> register, and what the adapters' tests open. Disposing it releases the database. Thread-safe.
/// </summary>
internal sealed class RelationalStateStores : IAsyncDisposable
{
    private readonly RelationalDatabase _database;

    private RelationalStateStores(RelationalDatabase database)
    {
        _database = database;
        Settings = new RelationalWorkspaceSettingsStore(database);
        Playbooks = new RelationalPlaybookStore(database);
        Runs = new RelationalPlaybookRunStore(database);
        DueWork = new RelationalDueWorkStore(database);
        Emails = new RelationalEmailStore(database);
    }

    public RelationalWorkspaceSettingsStore Settings { get; }

    public RelationalPlaybookStore Playbooks { get; }

    public RelationalPlaybookRunStore Runs { get; }

    public RelationalDueWorkStore DueWork { get; }

    public RelationalEmailStore Emails { get; }

    /// <summary>Applies <see cref="RelationalStateSchema"/>, then opens the stores; on failure the dialect's resources are released.</summary>
    public static async Task<RelationalStateStores> OpenAsync(StateStoreDialect dialect, CancellationToken cancellationToken)
    {
        var database = new RelationalDatabase(dialect);
        try
        {
            await RelationalStateSchema.ApplyAsync(database, cancellationToken).ConfigureAwait(false);
            return new RelationalStateStores(database);
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
