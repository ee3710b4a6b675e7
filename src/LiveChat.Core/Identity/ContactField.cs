namespace LiveChat.Core.Identity;

/// <summary>A field of a contact, with where and when its value came from (feature I3). Immutable.</summary>
/// <param name="Name">The field's name, such as <c>name</c> or <c>company</c>.</param>
/// <param name="Value">The value.</param>
/// <param name="Source">Where it came from, such as <c>conversation:…</c> or <c>agent:alice</c>.</param>
/// <param name="RecordedAt">When it was recorded.</param>
public sealed record ContactField(string Name, string Value, string Source, DateTimeOffset RecordedAt);
