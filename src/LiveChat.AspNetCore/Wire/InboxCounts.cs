namespace LiveChat.AspNetCore.Wire;

/// <summary>How many conversations each folder holds, each counted up to <see cref="CountLimit"/>. Part of the hub contract: serialized as JSON with camelCase names; immutable.</summary>
/// <param name="Unassigned">Waiting for an agent.</param>
/// <param name="Mine">The agent's own.</param>
/// <param name="Ended">Ended, visible to every agent.</param>
/// <param name="CountLimit">The most a folder is counted to: a count equal to it means at least that many.</param>
public sealed record InboxCounts(
    int Unassigned,
    int Mine,
    int Ended,
    int CountLimit);
