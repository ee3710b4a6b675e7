using System.Data.Common;
using System.Runtime.CompilerServices;
using LiveChat.Core;

namespace LiveChat.Storage.Relational;

/// <summary>
/// One SQL database reached through ADO.NET: every statement is one autocommitted command on a connection of its own, and
/// a driver failure becomes <see cref="StoreUnavailableException"/> with the driver's exception inside. Statements use
/// <c>@p0</c>, <c>@p1</c>… parameters, which SQLite and PostgreSQL both read. Thread-safe; disposing it releases the
/// dialect's resources.
/// </summary>
internal sealed class RelationalDatabase(StateStoreDialect dialect) : IAsyncDisposable
{
    public StateStoreDialect Dialect { get; } = dialect;

    public ValueTask DisposeAsync() => Dialect.Resources?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>Runs one statement; returns how many rows it changed.</summary>
    public Task<int> ExecuteAsync(string sql, object?[] parameters, CancellationToken cancellationToken, [CallerMemberName] string operation = "")
        => RunAsync(sql, parameters, static (command, ct) => command.ExecuteNonQueryAsync(ct), operation, cancellationToken);

    /// <summary>Runs statements without parameters in one transaction on one connection: all of them commit, or none.</summary>
    public async Task ExecuteInTransactionAsync(IReadOnlyList<string> statements, CancellationToken cancellationToken, [CallerMemberName] string operation = "")
    {
        try
        {
            var connection = await Dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    foreach (var statement in statements)
                    {
                        var command = connection.CreateCommand();
                        await using (command.ConfigureAwait(false))
                        {
                            command.Transaction = transaction;
                            command.CommandText = statement;
                            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        }
                    }

                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (StoreUnavailableException.IsStoreFailure(e))
        {
            throw new StoreUnavailableException(operation, e);
        }
        catch (ObjectDisposedException e)
        {
            // Disposed with the engine's container while this call was in flight: refused as a call after the disposal is.
            throw new EngineStoppedException(e);
        }
    }

    /// <summary>Runs one query and maps every row.</summary>
    public Task<List<T>> QueryAsync<T>(
        string sql, object?[] parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken, [CallerMemberName] string operation = "")
        => RunAsync(sql, parameters, async (command, ct) =>
        {
            var rows = new List<T>();
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    rows.Add(map(reader));
                }
            }

            return rows;
        }, operation, cancellationToken);

    /// <summary>Runs one query and maps its first row, or returns the default.</summary>
    public async Task<T?> QuerySingleAsync<T>(
        string sql, object?[] parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken, [CallerMemberName] string operation = "")
        => (await QueryAsync(sql, parameters, map, cancellationToken, operation).ConfigureAwait(false)) is [var first, ..] ? first : default;

    private async Task<T> RunAsync<T>(
        string sql, object?[] parameters, Func<DbCommand, CancellationToken, Task<T>> run, string operation, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await Dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = sql;
                    for (var i = 0; i < parameters.Length; i++)
                    {
                        var parameter = command.CreateParameter();
                        parameter.ParameterName = "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        parameter.Value = parameters[i] ?? DBNull.Value;
                        command.Parameters.Add(parameter);
                    }

                    return await run(command, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (StoreUnavailableException.IsStoreFailure(e))
        {
            throw new StoreUnavailableException(operation, e);
        }
        catch (ObjectDisposedException e)
        {
            // Disposed with the engine's container while this call was in flight: refused as a call after the disposal is.
            throw new EngineStoppedException(e);
        }
    }
}
