namespace LiveChat.Core.Identity;

/// <summary>The part of an identifier that matching compares.</summary>
internal readonly record struct IdentifierKey(IdentifierKind Kind, string Value);
