using LiveChat.Core.Conversations;
using LiveChat.Core.Internal;
using LiveChat.Core.Playbooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.Core.Testing.Storage;

/// <summary>
/// Hosts built one after another (or side by side) over one database, on one fake clock: what a restart or a second
/// process sees. Each host runs the engine's start tasks when built, as the engine's start does.
/// </summary>
/// <param name="use">Registers the durable store under test on a host's builder.</param>
/// <param name="configure">Sets more options on every host.</param>
public sealed class RestartHosts(Action<ILiveChatBuilder> use, Action<LiveChatOptions>? configure = null)
{
    /// <summary>The clock every host runs on.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Builds a host over the database and runs its start tasks.</summary>
    public async Task<ServiceProvider> StartAsync(Action<IServiceCollection>? register = null)
    {
        var services = new ServiceCollection().AddSingleton<TimeProvider>(Clock);
        register?.Invoke(services);
        use(services.AddLiveChat(o =>
        {
            o.Email.DefaultSenderAddress = "admin@acme.example";
            o.Email.DefaultSenderName = "ACME";
            configure?.Invoke(o);
        }));
        var host = services.BuildServiceProvider();
        _ = host.GetRequiredService<LiveChatEngine>();
        await LiveChatStartTasks.RunAsync(host);
        return host;
    }

    /// <summary>Moves the clock, then waits for the background work it started on <paramref name="host"/>.</summary>
    public async Task AdvanceAsync(ServiceProvider host, TimeSpan by)
    {
        Clock.Advance(by);
        await host.GetRequiredService<BackgroundWork>().WhenIdleAsync();
        await host.GetRequiredService<Routing.Router>().WhenIdleAsync();
        await host.GetRequiredService<LiveChatEngine>().Email.WhenIdleAsync();
        await host.GetRequiredService<BackgroundWork>().WhenIdleAsync();
    }

    /// <summary>The bot's messages in the conversation, oldest first.</summary>
    public static async Task<List<string>> BotSaysAsync(ServiceProvider host, WorkspaceId workspace, ConversationId conversationId)
        => [.. (await host.GetRequiredService<LiveChatEngine>().Conversations.GetMessagesAsync(workspace, conversationId, 0, 1000))
            .Where(m => m.Sender.Kind == SenderKind.Bot).Select(m => m.Text)];

    /// <summary>A greeting, a choice, an e-mail question and a goodbye, with no timed cards unless asked.</summary>
    public static Playbook Playbook(PlaybookTimers? timers = null) => new()
    {
        Id = "website",
        Version = 1,
        Language = "en",
        Timers = timers ?? new PlaybookTimers { ContactFormAfterGreeting = null, TranscriptOfferAfterEnd = null },
        StartCardId = "hello",
        Cards =
        [
            new MessageCard { Id = "hello", Text = "Hi, I'm Leo.", Next = "topic" },
            new ChoiceQuestionCard { Id = "topic", Text = "What brings you here?", Options = [new ChoiceOption("Sales", "email"), new ChoiceOption("Support", "email")] },
            new FreeTextQuestionCard { Id = "email", Text = "Your e-mail?", Validation = AnswerValidation.Email, Next = "bye" },
            new EndCard { Id = "bye", Text = "Thanks, we will write to you." },
        ],
    };
}
