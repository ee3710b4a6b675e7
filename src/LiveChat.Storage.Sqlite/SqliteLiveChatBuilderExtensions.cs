using LiveChat.Storage.Sqlite;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Enables the SQLite store on a LiveChat.Core builder.</summary>
public static class SqliteLiveChatBuilderExtensions
{
    /// <summary>
    /// Stores everything in the SQLite database <paramref name="connectionString"/> names, creating the file and its schema
    /// on first use: <c>services.AddLiveChat().UseSqlite("Data Source=livechat.db")</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The connection string is empty.</exception>
    public static ILiveChatBuilder UseSqlite(this ILiveChatBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseStore(_ => SqliteLiveChatStore.Open(connectionString));
    }
}
