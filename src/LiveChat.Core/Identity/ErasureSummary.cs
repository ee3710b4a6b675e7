namespace LiveChat.Core.Identity;

/// <summary>What is left of an erased contact (feature X9): anonymous counts only. Immutable.</summary>
/// <param name="Conversations">How many conversations the contact had.</param>
/// <param name="Messages">How many messages those conversations held.</param>
/// <param name="ErasedAt">When the contact was erased.</param>
public sealed record ErasureSummary(int Conversations, long Messages, DateTimeOffset ErasedAt);
