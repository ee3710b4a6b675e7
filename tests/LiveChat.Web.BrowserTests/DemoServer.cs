using LiveChat.Core.Testing;
using System.Diagnostics;
using LiveChat.Core;
using LiveChat.Core.Email;
using LiveChat.Core.Playbooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveChat.Web.BrowserTests;

/// <summary>
/// The web demo as <c>dotnet run --project samples/LiveChat.Web</c> starts it, on Kestrel at 127.0.0.1 with a free port
/// (a real browser cannot reach TestServer) and its own SQLite file. The contact form timer is off unless a test asks.
/// </summary>
internal sealed class DemoServer : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly WebApplication _app;
    private readonly string _file;

    private DemoServer(WebApplication app, string file, ServerLog log)
    {
        _app = app;
        _file = file;
        Log = log;
        Url = DemoHost.Address(app);
    }

    public Uri Url { get; }

    /// <summary>What the demo logged (Information and above), instead of the console.</summary>
    public ServerLog Log { get; }

    public LiveChatEngine Engine => _app.Services.GetRequiredService<LiveChatEngine>();

    /// <summary>The e-mails the demo "sent": it keeps the SDK's default in-memory transport.</summary>
    public InMemoryEmailTransport Mail => _app.Services.GetRequiredService<InMemoryEmailTransport>();

    public static async Task<DemoServer> StartAsync(
        PlaybookTimers? timers = null, string language = "en", IReadOnlyList<string>? embedOrigins = null, TimeSpan? shutdownTimeout = null)
    {
        var log = new ServerLog();
        var file = Path.Combine(Path.GetTempPath(), $"livechat-web-{Guid.NewGuid():N}.db");
        var app = await DemoHost.StartAsync(new DemoSettings
        {
            DatabaseFile = file,
            Url = "http://127.0.0.1:0",
            Language = language,
            EmbedOrigins = embedOrigins ?? new DemoSettings().EmbedOrigins,
            Timers = timers ?? new PlaybookTimers { ContactFormAfterGreeting = null, TranscriptOfferAfterEnd = TimeSpan.FromSeconds(1) },
        }, builder =>
        {
            builder.Logging.ClearProviders().AddProvider(log);
            if (shutdownTimeout is { } timeout)
            {
                builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = timeout);
            }
        });
        return new DemoServer(app, file, log);
    }

    /// <summary>Waits for a condition on the server's side (a stored state the browser caused); no fixed sleep.</summary>
    public static Task WaitUntilAsync(Func<Task<bool>> condition, string because)
        => Eventually.HoldsAsync(condition, because, Deadline, TimeSpan.FromMilliseconds(25));

    /// <summary>Stops the host as Ctrl+C does; <see cref="DisposeAsync"/> after it only cleans up.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(path);
        }
    }
}
