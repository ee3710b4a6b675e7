using LiveChat.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveChat.Core.Tests.Concurrency;

/// <summary>The engine built exactly as a host builds it, through <c>AddLiveChat</c>, on a fake clock.</summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private EngineHost(ServiceProvider provider)
    {
        _provider = provider;
        Engine = provider.GetRequiredService<LiveChatEngine>();
    }

    public static WorkspaceId Workspace { get; } = new("concurrency");

    public LiveChatEngine Engine { get; }

    public static EngineHost Create(Action<LiveChatOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero)));
        services.AddLiveChat(configure);
        return new EngineHost(services.BuildServiceProvider());
    }

    /// <summary>Every message of the conversation, read page by page through the public API.</summary>
    public async Task<List<ChatMessage>> AllMessagesAsync(ConversationId conversationId)
    {
        var messages = new List<ChatMessage>();
        while (true)
        {
            var page = await Engine.Conversations.GetMessagesAsync(Workspace, conversationId, messages.Count, 1000);
            messages.AddRange(page);
            if (page.Count < 1000)
            {
                return messages;
            }
        }
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
