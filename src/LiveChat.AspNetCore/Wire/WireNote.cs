namespace LiveChat.AspNetCore.Wire;

/// <summary>An agent's note on a conversation (feature C7); agents only. Part of the hub contract: serialized as JSON with camelCase names; immutable.</summary>
/// <param name="AuthorId">The writing agent.</param>
/// <param name="Text">The note.</param>
/// <param name="CreatedAt">When.</param>
public sealed record WireNote(
    string AuthorId,
    string Text,
    DateTimeOffset CreatedAt);
