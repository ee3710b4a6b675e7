using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Polly;
using Polly.Registry;
using Polly.Retry;

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
    /// <summary>
    /// The key of Orleans' grain placement pipeline in Polly's registry (Orleans 10.4: <c>OrleansRuntimeResiliencePolicies</c>).
    /// </summary>
    internal const string PlacementPipelineKey = "Orleans.Placement";

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

    /// <summary>
    /// Runs Orleans' grain placement retries on the messaging clock (real time): registers the same policy under
    /// <see cref="OwnPlacementPipelineKey"/> and answers Orleans' request for <see cref="PlacementPipelineKey"/> with it.
    /// Call after <c>AddOrleans</c>; it holds whichever order the host registered Orleans in.
    /// </summary>
    /// <remarks>
    /// Orleans 10.4 builds that pipeline (of <see cref="SiloAddress"/>: a timeout of <see cref="SiloMessagingOptions.PlacementTimeout"/> around up to
    /// <see cref="SiloMessagingOptions.PlacementMaxRetries"/> exponential retries from
    /// <see cref="SiloMessagingOptions.PlacementRetryBaseDelay"/>, on <see cref="OrleansException"/> and
    /// <see cref="TimeoutException"/>) on the unkeyed <see cref="TimeProvider"/>, the host's. With a test clock, a
    /// placement that failed once after a silo's death (a directory lookup against the dead silo's partition) waited for
    /// a retry delay that never came: every message to that grain queued behind it until the test advanced the clock,
    /// and callers saw 30 s response timeouts in a row (issue 18's abrupt-end host check). Polly's registry keeps the
    /// first builder of a key, and Orleans' is registered first when the host calls Orleans' own <c>UseOrleans</c>
    /// before ours, so the request is redirected instead of the key taken.
    /// </remarks>
    public static void KeepPlacementOnRealTime(IServiceCollection services)
    {
        services.AddResiliencePipeline<string, SiloAddress>(OwnPlacementPipelineKey, static (builder, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<SiloMessagingOptions>>().Value;
            builder.TimeProvider = context.ServiceProvider.GetRequiredKeyedService<TimeProvider>(TimeProviderNames.Messaging);
            builder.AddTimeout(options.PlacementTimeout);
            if (options.PlacementMaxRetries > 0)
            {
                builder.AddRetry(new RetryStrategyOptions<SiloAddress>
                {
                    MaxRetryAttempts = options.PlacementMaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    Delay = options.PlacementRetryBaseDelay,
                    UseJitter = true,
                    ShouldHandle = new PredicateBuilder<SiloAddress>().Handle<OrleansException>().Handle<TimeoutException>(),
                });
            }
        });
        services.Replace(ServiceDescriptor.Singleton<ResiliencePipelineProvider<string>>(
            sp => new PlacementOnRealTime(sp.GetRequiredService<ResiliencePipelineRegistry<string>>())));
    }

    /// <summary>Our registration of Orleans' placement policy, on real time.</summary>
    internal const string OwnPlacementPipelineKey = "LiveChat.Orleans.Placement";

    /// <summary>Polly's registry, except that Orleans' placement pipeline is ours.</summary>
    private sealed class PlacementOnRealTime(ResiliencePipelineRegistry<string> registry) : ResiliencePipelineProvider<string>
    {
        public override bool TryGetPipeline(string key, [NotNullWhen(true)] out ResiliencePipeline? pipeline) =>
            registry.TryGetPipeline(Map(key), out pipeline);

        public override bool TryGetPipeline<TResult>(string key, [NotNullWhen(true)] out ResiliencePipeline<TResult>? pipeline) =>
            registry.TryGetPipeline(Map(key), out pipeline);

        private static string Map(string key) => key == PlacementPipelineKey ? OwnPlacementPipelineKey : key;
    }
}
