using LiveChat.Core.Routing;
using LiveChat.Orleans;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Runs LiveChat.Core as a cluster on Microsoft Orleans (feature X7).</summary>
public static class OrleansLiveChatBuilderExtensions
{
    /// <summary>
    /// Makes this host a silo of a LiveChat cluster, co-hosted with the host's own services (each web server a silo):
    /// routing decisions for a workspace are made by one router grain for the whole cluster, so a conversation queued
    /// through any server is assigned as soon as an agent with room comes online through any server. The store stays the
    /// source of truth and must be shared by every silo (PostgreSQL).
    /// </summary>
    /// <param name="builder">The builder <c>AddLiveChat</c> returned.</param>
    /// <param name="configureSilo">
    /// Configures the silo: clustering (<c>silo.UseLocalhostClustering()</c> on one machine), cluster options and failure
    /// detection. Calling this more than once configures one silo.
    /// </param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configureSilo"/> is null.</exception>
    public static ILiveChatBuilder UseOrleans(this ILiveChatBuilder builder, Action<ISiloBuilder> configureSilo)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configureSilo);
        builder.Services.AddOrleans(configureSilo);
        builder.Services.TryAddSingleton<RoutingPartitions>();
        builder.Services.TryAddSingleton(new FrontDoorRetry(TimeProvider.System));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, DueWorkStarter>());
        builder.Services.Replace(ServiceDescriptor.Singleton<IRoutingPort, OrleansRouting>());
        return builder;
    }
}
