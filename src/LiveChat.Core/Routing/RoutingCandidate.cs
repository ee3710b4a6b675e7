using LiveChat.Core.Agents;

namespace LiveChat.Core.Routing;

/// <summary>An agent a <see cref="RoutingStrategy"/> may pick: online, present, with free capacity, eligible for the target.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="OpenConversations">The conversations the agent owns now, plus offers they hold.</param>
/// <param name="MaxConcurrentConversations">The agent's capacity.</param>
/// <param name="IdleSince">When the agent's load last changed or they last became available.</param>
public readonly record struct RoutingCandidate(AgentId AgentId, int OpenConversations, int MaxConcurrentConversations, DateTimeOffset IdleSince);
