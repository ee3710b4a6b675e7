using LiveChat.Core.Agents;

namespace LiveChat.Core.Conversations;

/// <summary>A record created from a conversation, listed under "created results" (feature C7).</summary>
/// <param name="Kind">What was created.</param>
/// <param name="ExternalId">The record's id in the CRM.</param>
/// <param name="Title">The record's title as shown to agents.</param>
/// <param name="CreatedBy">The agent who created it.</param>
/// <param name="CreatedAt">When.</param>
public sealed record CreatedResult(CreatedResultKind Kind, string ExternalId, string Title, AgentId CreatedBy, DateTimeOffset CreatedAt);
