using LiveChat.Storage.Relational;
using LiveChat.Storage.Sqlite;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Enables the SQLite store on a LiveChat.Core builder.</summary>
public static class SqliteLiveChatBuilderExtensions
{
    /// <summary>
    /// Stores everything in the SQLite database <paramref name="connectionString"/> names, creating the file and its schema
    /// on first use: <c>services.AddLiveChat().UseSqlite("Data Source=livechat.db")</c>. Conversations, agents and the
    /// identity graph, and the durable workspace state: settings, published playbooks, playbook runs, due work, and the
    /// e-mail outbox with the visitors' addresses (E6).
    /// </summary>
    /// <exception cref="ArgumentException">The connection string is empty.</exception>
    public static ILiveChatBuilder UseSqlite(this ILiveChatBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseStore(sp =>
        {
            var store = SqliteLiveChatStore.Open(connectionString);
            store.Logger = sp.GetService<ILoggerFactory>()?.CreateLogger<SqliteLiveChatStore>() ?? store.Logger;
            return store;
        }).UseRelationalState(sp =>
        {
            // The store's own schema first; the state's tables are a step after it.
            sp.GetRequiredService<SqliteLiveChatStore>();
            return SqliteSettingsDialect.Create(connectionString);
        });
    }

    /// <summary>
    /// Keeps the e-mail outbox and the visitors' addresses in the SQLite database <paramref name="connectionString"/> names
    /// (feature E6), so queued e-mails survive a restart. <see cref="UseSqlite"/> keeps them in its own file already; call
    /// this after it for an outbox in another file.
    /// </summary>
    /// <exception cref="ArgumentException">The connection string is empty.</exception>
    public static ILiveChatBuilder UseSqliteEmailStore(this ILiveChatBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseEmailStore(_ => SqliteEmailStore.Open(connectionString));
    }
}
