using LiveChat.Core.Agents;

namespace LiveChat.Core.Storage;

/// <summary>How a commit changes agents' loads: at most one agent gains the conversation, at most one loses it.</summary>
/// <param name="Reserve">The agent who owns the conversation after the commit but not before: check and take a seat.</param>
/// <param name="Release">The agent who owned it before but not after (reassigned away, or ended): free a seat.</param>
public readonly record struct CapacityChange(AgentId? Reserve, AgentId? Release);
