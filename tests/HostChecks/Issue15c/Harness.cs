using System.Collections.Concurrent;
using LiveChat.Core;
using LiveChat.Core.Email;
using LiveChat.Core.Playbooks;
using LiveChat.Core.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Outside;

/// <summary>Records every event the SDK publishes to host publishers.</summary>
public sealed class RecordingPublisher : ILiveChatEventPublisher
{
    public ConcurrentQueue<LiveChatEvent> Events { get; } = new();
    public ValueTask PublishAsync(LiveChatEvent liveChatEvent, CancellationToken cancellationToken = default)
    {
        Events.Enqueue(liveChatEvent);
        return ValueTask.CompletedTask;
    }
}

public sealed class Host : IAsyncDisposable
{
    public required ServiceProvider Provider { get; init; }
    public required LiveChatEngine Chat { get; init; }
    public required RecordingPublisher Publisher { get; init; }
    public required InMemoryEmailTransport Mail { get; init; }
    public bool Disposed { get; private set; }
    public async ValueTask DisposeAsync()
    {
        if (Disposed) return;
        Disposed = true;
        await Provider.DisposeAsync();
    }
}

public static class Harness
{
    public static string NewDbPath(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "livechat-issue15c", $"{name}-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    public static Host Build(string? sqlitePath = null, TimeProvider? time = null, Action<LiveChatOptions>? configure = null)
    {
        var services = new ServiceCollection();
        if (time is not null) services.AddSingleton(time);
        var publisher = new RecordingPublisher();
        services.AddSingleton<ILiveChatEventPublisher>(publisher);
        var mail = new InMemoryEmailTransport();
        var builder = services.AddLiveChat(o =>
        {
            o.BotDisplayName = "Leo";
            configure?.Invoke(o);
        });
        builder.UseEmailTransport(_ => mail);
        if (sqlitePath is not null) builder.UseSqlite($"Data Source={sqlitePath}");
        var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<LiveChatEngine>();
        return new Host { Provider = provider, Chat = chat, Publisher = publisher, Mail = mail };
    }

    /// <summary>Polls a condition until it holds or the deadline passes; never a fixed sleep as the check.</summary>
    public static async Task<bool> Eventually(Func<Task<bool>> condition, TimeSpan? within = null, FakeTimeProvider? nudge = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(20);
        }
        return await condition();
    }

    /// <summary>
    /// Moves the fake clock a step at a time until the condition holds or the (real-time) deadline passes: timer work that
    /// a step starts runs on the thread pool, so the next step waits for the condition poll, never a fixed sleep.
    /// </summary>
    public static async Task<bool> AdvanceUntil(FakeTimeProvider clock, TimeSpan step, Func<Task<bool>> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            clock.Advance(step);
            await Task.Delay(20);
        }
        return await condition();
    }

    public static Task<bool> Eventually(Func<bool> condition, TimeSpan? within = null)
        => Eventually(() => Task.FromResult(condition()), within);

    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.Zero };

    /// <summary>greet -> choice (A: name question, B: bye) -> name question -> thanks -> end.</summary>
    public static Playbook TwoStepPlaybook(string language = "en", TimeSpan? contactFormAfter = null, string id = "website", int version = 1) => new()
    {
        Id = id,
        Version = version,
        Language = language,
        Appearance = new PlaybookAppearance { BotName = "Leo" },
        Timers = new PlaybookTimers { ContactFormAfterGreeting = contactFormAfter, TranscriptOfferAfterEnd = null },
        StartCardId = "greet",
        Cards =
        [
            new MessageCard { Id = "greet", Text = "GREETING-TEXT", Next = "q1" },
            new ChoiceQuestionCard { Id = "q1", Text = "FIRST-QUESTION", AnswerKey = "topic", Options = [new ChoiceOption("Sales", "q2"), new ChoiceOption("Other", "bye")] },
            new FreeTextQuestionCard { Id = "q2", Text = "SECOND-QUESTION", AnswerKey = "budget", Next = "thanks" },
            new MessageCard { Id = "thanks", Text = "THANKS-TEXT", Next = "bye" },
            new EndCard { Id = "bye", Text = "BYE-TEXT" },
        ],
    };
}
