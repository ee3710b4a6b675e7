namespace LiveChat.Core.Storage;

/// <summary>One page of results.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items, in the folder's order.</param>
/// <param name="ContinuationToken">Pass it back to get the next page; <see langword="null"/> on the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken);
