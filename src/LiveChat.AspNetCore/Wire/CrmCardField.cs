namespace LiveChat.AspNetCore.Wire;

/// <summary>One field of a <see cref="CrmCard"/>. Part of the hub contract: serialized as JSON with camelCase names; immutable.</summary>
/// <param name="Field">The field's name.</param>
/// <param name="Value">Its value, or <see langword="null"/> when empty.</param>
public sealed record CrmCardField(
    string Field,
    string? Value);
