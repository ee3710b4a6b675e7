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
    /// Whether the reactor has anything to do with <paramref name="flowEvent"/> if handed it now. The dispatcher asks the
    /// <see cref="ReactorLane.Notify"/> lane's reactors at enqueue time and skips the lane (no background work) for an
    /// event none of them wants; the answer lane does not ask. Must be cheap, synchronous and thread-safe, and must not
    /// answer <see langword="false"/> for an event <see cref="ReactAsync"/> would act on. The default wants every event.
    /// </summary>
    bool Wants(FlowEvent flowEvent) => true;

    /// <summary>Reacts to one event; <paramref name="cancellationToken"/> is cancelled when the engine stops.</summary>
    ValueTask ReactAsync(FlowEvent flowEvent, CancellationToken cancellationToken);
}
