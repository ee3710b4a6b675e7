using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Internal;

/// <summary>
/// Runs every registered <see cref="ILiveChatStartTask"/> once, in registration order: what the engine's start does, and
/// what tests call to start a host built over a database a stopped one left behind.
/// </summary>
internal static class LiveChatStartTasks
{
    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        foreach (var task in services.GetServices<ILiveChatStartTask>())
        {
            await task.RunAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
