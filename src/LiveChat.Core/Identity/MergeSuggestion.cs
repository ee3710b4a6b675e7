using LiveChat.Core.Conversations;

namespace LiveChat.Core.Identity;

/// <summary>Two contacts that may be one person; an agent decides (feature I6). Immutable.</summary>
/// <param name="Contact">The contact the conversation went to.</param>
/// <param name="Other">The contact it may duplicate.</param>
/// <param name="Reason">Why they were not merged.</param>
/// <param name="Identifier">The identifier involved.</param>
/// <param name="ConversationId">The conversation that raised it.</param>
public sealed record MergeSuggestion(ContactId Contact, ContactId Other, SuggestionReason Reason, ContactIdentifier? Identifier, ConversationId? ConversationId);
