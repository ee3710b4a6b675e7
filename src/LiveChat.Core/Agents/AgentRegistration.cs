using LiveChat.Core.Routing;

namespace LiveChat.Core.Agents;

/// <summary>What a host tells the SDK about one of its agents.</summary>
/// <param name="Id">The host's user id.</param>
/// <param name="DisplayName">The name visitors see.</param>
/// <param name="MaxConcurrentConversations">The most conversations the agent may own at once; 1 or more.</param>
public sealed record AgentRegistration(AgentId Id, string DisplayName, int MaxConcurrentConversations = AgentRegistration.DefaultCapacity)
{
    /// <summary>The capacity when none is given.</summary>
    public const int DefaultCapacity = 5;

    /// <summary>The teams the agent belongs to (feature R4); each must be defined first. Empty by default.</summary>
    public IReadOnlyList<TeamId> Teams { get; init; } = [];
}
