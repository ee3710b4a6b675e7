using System.Data.Common;

namespace LiveChat.Storage.Relational;

/// <summary>
/// What differs between the SQL databases the adapters support, for the tables of <see cref="RelationalStateSchema"/>:
/// how to open a connection, how to declare a column numbered by the database, and how to keep two processes from
/// creating the tables at once. Everything else is the same SQL.
/// </summary>
/// <param name="Name">The database's name, for messages.</param>
/// <param name="OpenAsync">Opens a connection, ready to run statements (pragmas set).</param>
/// <param name="SequenceColumn">The declaration of a 64-bit primary key the database numbers in insertion order.</param>
/// <param name="Resources">What to release with the database (a connection pool), if anything.</param>
/// <param name="SchemaLock">
/// A statement that takes a lock held until the schema transaction ends, so processes starting together create the
/// tables one after another (PostgreSQL's <c>CREATE TABLE IF NOT EXISTS</c> is not safe when two sessions run it at
/// once); <see langword="null"/> where the database serializes schema changes itself (SQLite).
/// </param>
internal sealed record StateStoreDialect(
    string Name,
    Func<CancellationToken, ValueTask<DbConnection>> OpenAsync,
    string SequenceColumn,
    IAsyncDisposable? Resources = null,
    string? SchemaLock = null);
