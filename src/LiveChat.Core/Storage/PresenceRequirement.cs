namespace LiveChat.Core.Storage;

/// <summary>What a commit that gives an agent a seat requires of the agent's heartbeat (feature R1).</summary>
/// <param name="Clock">The application's clock, the one heartbeats are stamped with.</param>
/// <param name="Timeout">How long a heartbeat lasts.</param>
public sealed record PresenceRequirement(TimeProvider Clock, TimeSpan Timeout)
{
    /// <summary>
    /// The earliest last heartbeat that still counts, read from <see cref="Clock"/> when called. Stores call it inside
    /// the transaction that takes the seat, so presence is judged at the moment of the assignment.
    /// </summary>
    public DateTimeOffset SeenSince() => Clock.GetUtcNow() - Timeout + TimeSpan.FromTicks(1);
}
