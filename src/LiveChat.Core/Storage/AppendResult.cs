using LiveChat.Core.Conversations;

namespace LiveChat.Core.Storage;

/// <summary>What <see cref="IConversationStore.AppendAsync"/> did.</summary>
/// <param name="Message">The stored message: the new one, or the earlier one with the same client message id.</param>
/// <param name="IsDuplicate">Whether the message had been stored already (an idempotent retry).</param>
public sealed record AppendResult(ChatMessage Message, bool IsDuplicate);
