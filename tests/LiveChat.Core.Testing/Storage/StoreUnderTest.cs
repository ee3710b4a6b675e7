using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Testing.Storage;

/// <summary>
/// The store a compliance test runs against: one object serving the three ports, because an assignment reserves the agent's
/// capacity in the same transaction as the conversation change, and an erasure reaches conversations and the identity log.
/// </summary>
public sealed class StoreUnderTest : IAsyncDisposable
{
    private readonly object _instance;
    private readonly Func<ValueTask>? _cleanup;
    private readonly Func<ILiveChatBuilder, ILiveChatBuilder> _use;

    private StoreUnderTest(
        object instance,
        IConversationStore conversations,
        IAgentStore agents,
        IIdentityLogStore identity,
        Func<ILiveChatBuilder, ILiveChatBuilder> use,
        Func<ValueTask>? cleanup)
    {
        _instance = instance;
        _use = use;
        Conversations = conversations;
        Agents = agents;
        Identity = identity;
        _cleanup = cleanup;
    }

    /// <summary>The conversation port.</summary>
    public IConversationStore Conversations { get; }

    /// <summary>The agent port, over the same data.</summary>
    public IAgentStore Agents { get; }

    /// <summary>The identity log port, over the same data.</summary>
    public IIdentityLogStore Identity { get; }

    /// <summary>Wraps a store; <paramref name="cleanup"/> runs after the test (for example to drop a test database).</summary>
    public static StoreUnderTest For<TStore>(TStore store, Func<ValueTask>? cleanup = null)
        where TStore : class, IConversationStore, IAgentStore, IIdentityLogStore
    {
        ArgumentNullException.ThrowIfNull(store);
        return new StoreUnderTest(store, store, store, store, builder => builder.UseStore(_ => store), cleanup);
    }

    /// <summary>Makes this store the engine's store, as an adapter's <c>Use…</c> method would.</summary>
    /// <remarks>The container may dispose the store too; every store must tolerate a second dispose.</remarks>
    public ILiveChatBuilder UseIn(ILiveChatBuilder builder) => _use(builder);

    /// <summary>Disposes the store if it is disposable, then runs the cleanup.</summary>
    public async ValueTask DisposeAsync()
    {
        switch (_instance)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }

        if (_cleanup is not null)
        {
            await _cleanup();
        }
    }
}
