using LiveChat.Core.Transport;
using Orleans.Runtime;

namespace LiveChat.Orleans.Events;

/// <summary>
/// Hands the events other silos committed to this silo's <see cref="ClusterEvents"/>, whose subscribers (the web
/// package's relay) pass them to the connections this silo holds. Not reentrant: one sender's batches, which it sends
/// one after the other, are delivered in its order.
/// </summary>
[SiloTargetedPlacement]
internal sealed class SiloEventsGrain(ClusterEvents cluster, ILocalSiloDetails silo) : Grain, ISiloEventsGrain
{
    /// <inheritdoc />
    public async Task DeliverAsync(LiveChatEvent[] events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (this.GetPrimaryKeyString() != silo.SiloAddress.ToParsableString())
        {
            // Activated elsewhere than the silo it stands for (placement is checked, but a migration could move it):
            // this silo's connections already had these events, so none is relayed twice.
            DeactivateOnIdle();
            throw new SiloUnavailableException($"Events for silo {this.GetPrimaryKeyString()} reached silo {silo.SiloAddress}.");
        }

        foreach (var e in events)
        {
            await cluster.ReceiveAsync(e).ConfigureAwait(true);
        }
    }
}
