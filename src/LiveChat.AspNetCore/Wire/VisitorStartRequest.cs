namespace LiveChat.AspNetCore.Wire;

/// <summary>What a visitor says when starting a conversation. Part of the hub contract: serialized as JSON with camelCase names; immutable.</summary>
/// <param name="VisitorName">The visitor's name, if known; at most 200 characters.</param>
public sealed record VisitorStartRequest(
    string? VisitorName);
