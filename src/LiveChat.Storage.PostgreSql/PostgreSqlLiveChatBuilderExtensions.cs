using LiveChat.Storage.PostgreSql;
using LiveChat.Storage.Relational;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Enables the PostgreSQL store on a LiveChat.Core builder.</summary>
public static class PostgreSqlLiveChatBuilderExtensions
{
    /// <summary>
    /// Stores everything in the PostgreSQL database <paramref name="connectionString"/> names, creating its tables on
    /// first use: <c>services.AddLiveChat().UsePostgreSql("Host=db;Database=livechat;Username=livechat;Password=…")</c>.
    /// Several host processes may use the same database at once. Besides conversations, agents and the identity graph, it
    /// keeps the durable workspace state there: settings, published playbooks, playbook runs, due work, and the e-mail
    /// outbox with the visitors' addresses (E6), so queued e-mails survive a restart and every process shares them.
    /// </summary>
    /// <remarks>
    /// The store connects when it is first resolved: a malformed connection string, an unreachable server or a database
    /// of a newer schema fail there, as <see cref="PostgreSqlLiveChatStore.OpenAsync(string, CancellationToken)"/> describes.
    /// </remarks>
    /// <exception cref="ArgumentException">The connection string is empty.</exception>
    public static ILiveChatBuilder UsePostgreSql(this ILiveChatBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseStore(sp =>
        {
            var store = PostgreSqlLiveChatStore.Open(connectionString);
            store.Logger = sp.GetService<ILoggerFactory>()?.CreateLogger<PostgreSqlLiveChatStore>() ?? store.Logger;
            return store;
        }).UseRelationalState(sp =>
        {
            // The store's own schema first; the state's tables are a step after it.
            sp.GetRequiredService<PostgreSqlLiveChatStore>();
            return PostgreSqlSettingsDialect.Create(connectionString);
        });
    }
}
