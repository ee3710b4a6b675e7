using System.Data.Common;

namespace LiveChat.Storage.Relational;

/// <summary>Runs a query and maps its rows, synchronously (SQLite's in-process reads) or asynchronously (a server).</summary>
/// <remarks>Stateless and thread-safe; the command is the caller's to dispose.</remarks>
internal static class DbReads
{
    /// <summary>Every row of <paramref name="command"/>, mapped, in the order the query returns them.</summary>
    public static List<T> All<T>(DbCommand command, Func<DbDataReader, T> map)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>The first row of <paramref name="command"/>, mapped; null when it returns none.</summary>
    public static T? First<T>(DbCommand command, Func<DbDataReader, T> map)
        where T : class
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? map(reader) : null;
    }

    /// <inheritdoc cref="All{T}" />
    public static async Task<List<T>> AllAsync<T>(DbCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(map(reader));
            }

            return rows;
        }
    }

    /// <inheritdoc cref="First{T}" />
    public static async Task<T?> FirstAsync<T>(DbCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
        where T : class
    {
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? map(reader) : null;
        }
    }
}
