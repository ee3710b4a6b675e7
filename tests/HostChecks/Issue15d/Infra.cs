using System.Collections.Concurrent;
using LiveChat.Core;
using LiveChat.Core.Email;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Checks;

/// A publisher shared by successive hosts, so what each host publishes can be counted across a restart.
public sealed class Recorder : ILiveChatEventPublisher
{
    public readonly ConcurrentQueue<LiveChatEvent> Events = new();
    public Func<LiveChatEvent, Task>? Gate;
    public async ValueTask PublishAsync(LiveChatEvent e, CancellationToken cancellationToken = default)
    {
        if (Gate is { } g) await g(e);
        Events.Enqueue(e);
    }
    public IEnumerable<T> Of<T>() => Events.OfType<T>();
}

public sealed class MailRecorder : IEmailTransport
{
    public readonly ConcurrentQueue<EmailMessage> Sent = new();
    public ValueTask SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        Sent.Enqueue(message);
        return ValueTask.CompletedTask;
    }
}

public abstract record Db
{
    public abstract void Apply(ILiveChatBuilder b);
}
public sealed record SqliteDb(string Path) : Db
{
    public override void Apply(ILiveChatBuilder b) => b.UseSqlite($"Data Source={Path}");
    public static SqliteDb Fresh() => new(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"lc-chk-{Guid.NewGuid():N}.db"));
}
public sealed record PgDb(string ConnectionString) : Db
{
    public override void Apply(ILiveChatBuilder b) => b.UsePostgreSql(ConnectionString);
    public static string? Server => Environment.GetEnvironmentVariable("LIVECHAT_POSTGRES");
    public static PgDb Fresh()
    {
        var server = Server ?? throw new InvalidOperationException("LIVECHAT_POSTGRES not set");
        var name = "chk_" + Guid.NewGuid().ToString("N")[..16];
        using (var c = new NpgsqlConnection(server))
        {
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            cmd.ExecuteNonQuery();
        }
        var csb = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new PgDb(csb.ConnectionString);
    }
}

public sealed class Host : IAsyncDisposable
{
    public required ServiceProvider Provider { get; init; }
    public LiveChatEngine Chat => Provider.GetRequiredService<LiveChatEngine>();
    bool disposed;
    public static Host Build(FakeTimeProvider time, Db? db, Recorder rec, MailRecorder? mail = null, Action<LiveChatOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<ILiveChatEventPublisher>(rec);
        var b = services.AddLiveChat(o =>
        {
            o.BotDisplayName = "Leo";
            configure?.Invoke(o);
        });
        db?.Apply(b);
        if (mail != null) b.UseEmailTransport(_ => mail);
        var p = services.BuildServiceProvider();
        var h = new Host { Provider = p };
        _ = h.Chat; // a host resolves the engine: that starts it
        return h;
    }
    public async ValueTask DisposeAsync()
    {
        if (disposed) return;
        disposed = true;
        await Provider.DisposeAsync();
    }
}

public static class Poll
{
    public static async Task Until(Func<Task<bool>> cond, string what, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await cond()) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for: {what}");
            await Task.Delay(20);
        }
    }
    public static Task Until(Func<bool> cond, string what, int seconds = 15) => Until(() => Task.FromResult(cond()), what, seconds);

    /// Advance the fake clock in small steps while polling, so that timers armed late still fire.
    public static async Task AdvanceUntil(FakeTimeProvider time, TimeSpan total, Func<Task<bool>> cond, string what, int seconds = 15)
    {
        time.Advance(total);
        await Until(cond, what, seconds);
    }

    /// Waits a little (real time) to let background work settle, while checking a condition stays true/false.
    public static async Task Settle(int ms = 600)
    {
        var until = DateTime.UtcNow.AddMilliseconds(ms);
        while (DateTime.UtcNow < until) await Task.Delay(25);
    }
}

public static class Fx
{
    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    public static bool HasPg => PgDb.Server != null;
}
