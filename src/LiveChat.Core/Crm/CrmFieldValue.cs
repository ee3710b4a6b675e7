namespace LiveChat.Core.Crm;

/// <summary>One field of a record as an agent sees it (feature I8). Immutable.</summary>
/// <param name="Field">The field.</param>
/// <param name="Value">Its value as text, or <see langword="null"/> when empty.</param>
public sealed record CrmFieldValue(CrmField Field, string? Value);
