using System.Data.Common;

namespace LiveChat.Storage.Relational;

/// <summary>
/// What differs between the SQL databases the adapters support, for the tables of <see cref="RelationalStateSchema"/>:
/// how to open a connection, and how to declare a column numbered by the database. Everything else is the same SQL.
/// </summary>
/// <param name="Name">The database's name, for messages.</param>
/// <param name="OpenAsync">Opens a connection, ready to run statements (pragmas set).</param>
/// <param name="SequenceColumn">The declaration of a 64-bit primary key the database numbers in insertion order.</param>
/// <param name="Resources">What to release with the database (a connection pool), if anything.</param>
internal sealed record StateStoreDialect(
    string Name, Func<CancellationToken, ValueTask<DbConnection>> OpenAsync, string SequenceColumn, IAsyncDisposable? Resources = null);
