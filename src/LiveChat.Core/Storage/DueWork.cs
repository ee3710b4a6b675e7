namespace LiveChat.Core.Storage;

/// <summary>
/// One promise of work at a given instant, as an <see cref="IDueWorkStore"/> keeps it: at most one per
/// (<see cref="Workspace"/>, <see cref="Subject"/>, <see cref="Kind"/>). Immutable.
/// </summary>
/// <param name="Workspace">The workspace.</param>
/// <param name="Subject">What the work is about: a conversation id (its <c>ToString()</c>) or, for <see cref="DueWorkKind.PresenceGrace"/>, an agent id.</param>
/// <param name="Kind">What to do.</param>
/// <param name="DueAt">When, on the engine's clock (UTC, kept to the millisecond).</param>
/// <param name="Generation">
/// Set by the store on each schedule of the key, so that completing a stale copy of an item that was scheduled again
/// meanwhile does nothing.
/// </param>
public sealed record DueWork(WorkspaceId Workspace, string Subject, DueWorkKind Kind, DateTimeOffset DueAt, long Generation = 0);
