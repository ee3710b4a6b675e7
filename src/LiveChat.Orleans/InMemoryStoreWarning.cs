using LiveChat.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace LiveChat.Orleans;

/// <summary>
/// Warns once, when the silo starts, that the store is the in-memory default: each server then keeps its own
/// conversations and agents, so servers in separate processes disagree (an agent registered through one is not found
/// through another). Silos that share one in-memory store inside one process are legitimate, so this never refuses.
/// </summary>
internal sealed partial class InMemoryStoreWarning(IServiceProvider services, ILogger<InMemoryStoreWarning> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
        => lifecycle.Subscribe(nameof(InMemoryStoreWarning), ServiceLifecycleStage.Active, _ =>
        {
            if (services.GetService<IConversationStore>() is InMemoryLiveChatStore)
            {
                InMemoryStore(logger);
            }

            return Task.CompletedTask;
        });

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "LiveChat runs on Orleans with the in-memory store "
        + "(InMemoryLiveChatStore): this server keeps its own conversations and agents, which servers in other processes "
        + "do not see. A cluster of processes needs one shared store: AddLiveChat().UsePostgreSql(connectionString)")]
    private static partial void InMemoryStore(ILogger logger);
}
