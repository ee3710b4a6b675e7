using LiveChat.Core.Internal;
using LiveChat.Core.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveChat.Core.Tests.Scenarios;

/// <summary>
/// Waits for what the engine does off the caller's path: reactions in the notify lane (publishers, the transcript
/// copy), routing work its timers started, and other tracked background work.
/// </summary>
public static class Settle
{
    public static async Task AllAsync(IServiceProvider services)
    {
        var router = services.GetRequiredService<Router>();
        var work = services.GetRequiredService<BackgroundWork>();
        await router.WhenIdleAsync();
        await work.WhenIdleAsync();
        await router.WhenIdleAsync();
        await work.WhenIdleAsync();
    }
}
