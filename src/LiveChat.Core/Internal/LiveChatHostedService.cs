using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LiveChat.Core.Internal;

/// <summary>
/// The SDK's part in a generic host's lifetime (feature X1): on start it builds the engine and runs the registered
/// <see cref="ILiveChatStartTask"/>s once; on stop it disarms timers and waits for the work in flight (reactions, outbox
/// passes, timer work) until the host's shutdown timeout.
/// </summary>
internal sealed class LiveChatHostedService(IServiceProvider services, BackgroundWork work) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<LiveChatEngine>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => work.StopAsync(cancellationToken);
}
