using LiveChat.Core.Conversations;

namespace LiveChat.Core.Identity;

/// <summary>A conversation attached to a contact (feature I2). Immutable.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Channel">Its channel.</param>
/// <param name="Via">The identifier that matched it to the contact, or <see langword="null"/> when the contact was created for it.</param>
/// <param name="Verification">How strongly that match is proven; history is shown to the visitor only above self-asserted.</param>
/// <param name="AttachedAt">When it was attached.</param>
public sealed record ContactConversation(ConversationId ConversationId, string Channel, ContactIdentifier? Via, VerificationLevel Verification, DateTimeOffset AttachedAt);
