using LiveChat.Core.Flow;
using LiveChat.Core.Tests.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveChat.Core.Tests.Flow;

/// <summary>
/// A reactor of <paramref name="lane"/> that wants only what <paramref name="wants"/> selects, records the texts of the
/// messages it is handed (other events enter a lane that another reactor wants them in), and holds the message
/// <paramref name="blockOn"/> at a gate until <see cref="Open"/>.
/// </summary>
internal sealed class PickyReactor(ReactorLane lane, Func<FlowEvent, bool> wants, string? blockOn = null) : IConversationReactor
{
    private static readonly WorkspaceId Acme = new("acme");
    private readonly Lock _gate = new();
    private readonly List<string> _seen = [];
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ReactorLane Lane => lane;

    /// <summary>Completes when the message <c>blockOn</c> reached the reactor and waits at the gate.</summary>
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<string> Seen
    {
        get
        {
            lock (_gate)
            {
                return [.. _seen];
            }
        }
    }

    /// <summary>An engine with <paramref name="extra"/> registered as one more reactor.</summary>
    public static (ServiceProvider Provider, LiveChatEngine Chat) Engine(IConversationReactor? extra)
    {
        var services = new ServiceCollection().AddLiveChat().Services;
        if (extra is not null)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton(extra));
        }

        var provider = services.BuildServiceProvider();
        return (provider, provider.GetRequiredService<LiveChatEngine>());
    }

    /// <summary>Starts one conversation in an engine with <paramref name="picky"/>, posts <paramref name="texts"/> as its visitor, settles, and returns what it saw.</summary>
    public static async Task<IReadOnlyList<string>> SeenAfterVisitorPostsAsync(PickyReactor picky, params string[] texts)
    {
        var (provider, chat) = Engine(picky);
        await using var _ = provider;
        var (conversation, token) = await chat.Conversations.StartAsync(Acme);
        foreach (var text in texts)
        {
            await chat.Visitors.PostAsync(Acme, conversation.Id, token, text);
        }

        await Settle.AllAsync(provider).WaitAsync(TimeSpan.FromSeconds(30));
        return picky.Seen;
    }

    public void Open() => _open.TrySetResult();

    public bool Wants(FlowEvent flowEvent) => wants(flowEvent);

    public async ValueTask ReactAsync(FlowEvent flowEvent, CancellationToken cancellationToken)
    {
        if (flowEvent is not MessageAppendedEvent { Message.Text: var text })
        {
            return;
        }

        lock (_gate)
        {
            _seen.Add(text);
        }

        if (text == blockOn)
        {
            Entered.TrySetResult();
            await _open.Task;
        }
    }
}
