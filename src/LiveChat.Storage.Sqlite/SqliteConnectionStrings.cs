using Microsoft.Data.Sqlite;

namespace LiveChat.Storage.Sqlite;

/// <summary>The connection-string check the SQLite store and outbox share: a well-formed string naming a database file.</summary>
internal static class SqliteConnectionStrings
{
    /// <summary>The normalized connection string.</summary>
    /// <param name="connectionString">What the host passed.</param>
    /// <param name="what">What needs the file, for the error: "store", "outbox".</param>
    /// <param name="inMemoryDefault">The in-memory default to use instead, for the error.</param>
    /// <exception cref="ArgumentException">The string is empty, malformed, or names an in-memory database.</exception>
    public static string RequireFile(string connectionString, string what, string inMemoryDefault)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException($"'{connectionString}' is not a valid SQLite connection string: {ex.Message}", nameof(connectionString), ex);
        }

        return builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory
            ? throw new ArgumentException($"The SQLite {what} needs a database file; for an in-memory {what} use the default {inMemoryDefault}.", nameof(connectionString))
            : builder.ToString();
    }
}
