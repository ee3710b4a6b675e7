using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using LiveChat.Core.Internal;
using LiveChat.Core.Routing;
using LiveChat.Core.Transport;
using LiveChat.Orleans;
using LiveChat.Orleans.Events;
using LiveChat.Orleans.Presence;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime.Placement;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Runs LiveChat.Core as a cluster on Microsoft Orleans (feature X7).</summary>
public static class OrleansLiveChatBuilderExtensions
{
    private const string CoreExceptionNamespace = "LiveChat.Core";

    /// <summary>
    /// Makes this host a silo of a LiveChat cluster, co-hosted with the host's own services (each web server a silo):
    /// routing decisions for a workspace are made by one router grain for the whole cluster, so a conversation queued
    /// through any server is assigned as soon as an agent with room comes online through any server. The store stays the
    /// source of truth and must be shared by every silo (PostgreSQL). Every write of a workspace's identity log (resolutions,
    /// corrections, detaches, merges and undos, erasures, CRM records filed) goes to one identity grain, its single writer. A <see cref="TimeProvider"/> the host registers
    /// drives the engine and grain timers; Orleans' membership, messaging and other maintenance stay on real time. The
    /// events each silo commits reach the other silos'
    /// <see cref="ILiveChatEventSource"/> over the silos' own connections, so a visitor connected to one web server sees an
    /// agent's message posted on another; the engine's <c>Events</c> still carries each silo's own commits only, so a host
    /// subscriber there acts once per event in the whole cluster. Agents' heartbeats are kept in memory by one agent grain
    /// per agent, fed by every server, and reach the store only when an agent's presence changes. The write commands of a
    /// conversation run one at a time in its conversation grain, wherever it is active, and its timers (the contact-form
    /// and transcript-offer delays, the unread-reply window) are that grain's.
    /// </summary>
    /// <remarks>
    /// This does not replace the store. Servers in separate processes need one shared store,
    /// <c>AddLiveChat(…).UsePostgreSql(connectionString)</c> on each; with the in-memory default each server keeps its own
    /// conversations and agents, so an agent registered through one server is not found through another. The silo then
    /// logs one warning at start, and still starts: silos sharing one in-memory store inside one process (tests) are
    /// legitimate. See docs/scale-out.md, "Hosting".
    /// </remarks>
    /// <param name="builder">The builder <c>AddLiveChat</c> returned.</param>
    /// <param name="configureSilo">
    /// Configures the silo: clustering (<c>silo.UseLiveChatPostgreSql(connectionString)</c> across processes or machines;
    /// <c>silo.UseLocalhostClustering(siloPort, gatewayPort, primarySiloEndpoint, serviceId, clusterId)</c> for one
    /// machine, every silo naming the first one's endpoint), one <c>ClusterOptions</c> cluster id and service id for every
    /// silo, endpoints (<c>ConfigureEndpoints</c>, distinct ports for silos on one machine) and failure detection.
    /// Calling this more than once configures one silo.
    /// </param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configureSilo"/> is null.</exception>
    public static ILiveChatBuilder UseOrleans(this ILiveChatBuilder builder, Action<ISiloBuilder> configureSilo)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configureSilo);
        builder.Services.AddOrleans(silo =>
        {
            silo.Services.AddPlacementDirector<SiloTargetedPlacement, SiloTargetedPlacementDirector>();
            configureSilo(silo);
        });
        RuntimeClock.PinMaintenanceToRealTime(builder.Services);
        RuntimeClock.KeepPlacementOnRealTime(builder.Services);
        builder.Services.TryAddSingleton<RoutingPartitions>();
        builder.Services.TryAddSingleton(new FrontDoorRetry(TimeProvider.System));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, DueWorkStarter>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, InMemoryStoreWarning>());
        builder.Services.Replace(ServiceDescriptor.Singleton<IRoutingPort, OrleansRouting>());
        builder.Services.Replace(ServiceDescriptor.Singleton<IAgentHeartbeats, GrainHeartbeats>());

        // Connections spread over the servers: each server's transport relays the events of the whole cluster to its own,
        // while the engine's Events keeps this server's commits only (a host's webhook fires once per event).
        builder.Services.TryAddSingleton<ClusterEvents>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILiveChatEventPublisher, ClusterEvents>(sp => sp.GetRequiredService<ClusterEvents>()));
        builder.Services.Replace(ServiceDescriptor.Singleton<ILiveChatEventSource>(sp => sp.GetRequiredService<ClusterEvents>()));
        builder.Services.Replace(ServiceDescriptor.Singleton<IIdentityPort, OrleansIdentity>());
        builder.Services.Replace(ServiceDescriptor.Singleton<IConversationPort, OrleansConversations>());
        builder.Services.Replace(ServiceDescriptor.Singleton<IConversationTimers, GrainConversationTimers>());

        // A command's error raised in its conversation grain comes back to the caller as the core's own exception.
        builder.Services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add(CoreExceptionNamespace));
        return builder;
    }
}
