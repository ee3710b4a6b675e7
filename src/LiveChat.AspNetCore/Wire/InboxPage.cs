namespace LiveChat.AspNetCore.Wire;

/// <summary>One page of an inbox folder (feature C5). Part of the hub contract: serialized as JSON with camelCase names; immutable.</summary>
/// <param name="Folder"><c>Unassigned</c>, <c>Mine</c> or <c>Ended</c>.</param>
/// <param name="Items">The conversations, in the folder's order.</param>
/// <param name="ContinuationToken">Pass it back for the next page; <see langword="null"/> on the last.</param>
public sealed record InboxPage(
    string Folder,
    IReadOnlyList<AgentConversation> Items,
    string? ContinuationToken);
