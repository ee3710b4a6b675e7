using LiveChat.Storage.PostgreSql;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Enables the PostgreSQL store on a LiveChat.Core builder.</summary>
public static class PostgreSqlLiveChatBuilderExtensions
{
    /// <summary>
    /// Stores everything in the PostgreSQL database <paramref name="connectionString"/> names, creating its tables on
    /// first use: <c>services.AddLiveChat().UsePostgreSql("Host=db;Database=livechat;Username=livechat;Password=…")</c>.
    /// Several host processes may use the same database at once.
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
        });
    }
}
