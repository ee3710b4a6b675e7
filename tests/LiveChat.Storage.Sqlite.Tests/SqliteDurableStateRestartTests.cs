using LiveChat.Core.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Storage.Sqlite.Tests;

/// <summary>The restart suite on a SQLite file that outlives each host.</summary>
public sealed class SqliteDurableStateRestartTests : DurableStateRestartTests
{
    protected override ValueTask<(Action<ILiveChatBuilder> Use, Func<ValueTask> Dispose)> CreateDatabaseAsync()
    {
        var file = new TempDatabase();
        return ValueTask.FromResult<(Action<ILiveChatBuilder>, Func<ValueTask>)>((b => b.UseSqlite(file.ConnectionString), () =>
        {
            file.Dispose();
            return ValueTask.CompletedTask;
        }));
    }
}
