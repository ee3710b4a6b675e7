namespace LiveChat.Core.Flow;

/// <summary>
/// A subscriber to what the write path committed. Registered in DI with <c>TryAddEnumerable</c>; the
/// <see cref="ConversationDispatcher"/> hands it every event of one conversation in commit order, one at a time, in
/// registration order among the reactors of its <see cref="Lane"/>.
/// </summary>
/// <remarks>
/// A reactor may commit (the bot posts, routing assigns): its commit is queued behind the event it reacts to, never run
/// inside it. Thrown exceptions are logged by the dispatcher and end nothing else. Implementations must be thread-safe:
/// events of different conversations arrive concurrently.
/// </remarks>
internal interface IConversationReactor
{
    /// <summary>The lane the reactor runs in.</summary>
    ReactorLane Lane { get; }

    /// <summary>
    /// Whether the reactor has anything to do with <paramref name="flowEvent"/>. The dispatcher asks a lane's reactors at
    /// enqueue time, right after the commit, and skips the lane for an event none of them wants (no background work, no
    /// lane objects, nothing for the caller to wait for). Must be cheap, synchronous and thread-safe, and must not answer
    /// <see langword="false"/> for an event <see cref="ReactAsync"/> would act on when handed it later, after the events
    /// queued before it. The default wants every event.
    /// </summary>
    bool Wants(FlowEvent flowEvent) => true;

    /// <summary>Reacts to one event; <paramref name="cancellationToken"/> is cancelled when the engine stops.</summary>
    ValueTask ReactAsync(FlowEvent flowEvent, CancellationToken cancellationToken);
}
