using LiveChat.Core.Conversations;

namespace LiveChat.Core.Identity;

/// <summary>An identifier as linked to a contact. Immutable.</summary>
/// <param name="Identifier">The identifier.</param>
/// <param name="Blocked">A blocked or role value (<c>info@</c>, <c>0000…</c>): kept on the contact, never used to match anyone.</param>
/// <param name="LinkedAt">When it was linked.</param>
/// <param name="Source">The conversation it came from, if any.</param>
public sealed record LinkedIdentifier(ContactIdentifier Identifier, bool Blocked, DateTimeOffset LinkedAt, ConversationId? Source);
