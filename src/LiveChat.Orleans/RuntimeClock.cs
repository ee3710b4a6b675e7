using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace LiveChat.Orleans;

/// <summary>
/// Keeps Orleans' own maintenance on real time whatever clock the host registers as <see cref="TimeProvider"/> for the
/// engine (feature X7). Orleans takes every clock from that registration unless an area's keyed clock is given: with a
/// host's test clock (<c>FakeTimeProvider</c>) its membership probes, message timeouts and background loops would wait
/// for the test to advance it, and each advance would run those loops inline on the advancing thread.
/// </summary>
/// <remarks>Grain timers (<see cref="TimeProviderNames.Grains"/>) keep following the host's clock, as the engine does.</remarks>
internal static class RuntimeClock
{
    private static readonly string[] MaintenanceAreas =
    [
        TimeProviderNames.Messaging, TimeProviderNames.Membership, TimeProviderNames.SystemTimers,
        TimeProviderNames.ActivationManagement, TimeProviderNames.GrainDirectory,
    ];

    /// <summary>Gives each of Orleans' maintenance areas the system clock; an exact key wins over Orleans' catch-all.</summary>
    public static void PinMaintenanceToRealTime(IServiceCollection services)
    {
        foreach (var area in MaintenanceAreas)
        {
            services.AddKeyedSingleton(area, TimeProvider.System);
        }
    }
}
