using LiveChat.Core.Agents;

namespace LiveChat.Core.Conversations;

/// <summary>A note an agent wrote in the details panel (feature C7).</summary>
/// <param name="AuthorId">The agent who wrote it.</param>
/// <param name="Text">The note.</param>
/// <param name="CreatedAt">When it was written.</param>
public sealed record ConversationNote(AgentId AuthorId, string Text, DateTimeOffset CreatedAt);
