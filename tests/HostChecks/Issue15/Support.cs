using System.Collections.Concurrent;
using LiveChat.Core;
using LiveChat.Core.Transport;
using Npgsql;

namespace Issue15;

public static class Poll
{
    public static async Task<bool> Until(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(20);
        }
        return await condition();
    }
    public static Task<bool> Until(Func<bool> condition, TimeSpan? timeout = null) => Until(() => Task.FromResult(condition()), timeout);
}

/// <summary>A host publisher that records every event; it can block on a predicate until released.</summary>
public sealed class RecordingPublisher : ILiveChatEventPublisher
{
    public ConcurrentQueue<LiveChatEvent> Events { get; } = new();
    public Func<LiveChatEvent, bool>? BlockWhen { get; set; }
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Blocked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TimeSpan? DelayWhenMatched { get; set; }

    public async ValueTask PublishAsync(LiveChatEvent liveChatEvent, CancellationToken cancellationToken = default)
    {
        if (BlockWhen?.Invoke(liveChatEvent) == true)
        {
            Blocked.TrySetResult();
            if (DelayWhenMatched is { } d) await Task.Delay(d, CancellationToken.None);
            else await Release.Task;
        }
        Events.Enqueue(liveChatEvent);
    }

    public IEnumerable<T> Of<T>(ConversationIdFilter f) where T : LiveChatEvent => Events.OfType<T>().Where(e => f(e.ConversationId));
    public delegate bool ConversationIdFilter(LiveChat.Core.Conversations.ConversationId id);
}

public static class Pg
{
    public static string? Server => Environment.GetEnvironmentVariable("LIVECHAT_POSTGRES");

    public static async Task<string> CreateDatabaseAsync()
    {
        var server = Server ?? throw new InvalidOperationException("LIVECHAT_POSTGRES is not set");
        var name = "chk15_" + Guid.NewGuid().ToString("N")[..12];
        await using (var c = new NpgsqlConnection(server))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;
    }
}

public static class Files
{
    public static string NewSqlite() => "Data Source=" + Path.Combine(Path.GetTempPath(), "chk15-" + Guid.NewGuid().ToString("N") + ".db");
}
