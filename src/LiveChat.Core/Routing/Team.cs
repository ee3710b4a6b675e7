namespace LiveChat.Core.Routing;

/// <summary>A team of agents that conversations can be routed to (feature R4). Agents join teams when registered.</summary>
/// <param name="Id">The team's key.</param>
/// <param name="Name">The name agents see, such as "Sales".</param>
/// <param name="FallbackTeam">
/// The team that takes a conversation when nobody in this team is available; one hop only, so fallbacks never loop.
/// </param>
public sealed record Team(TeamId Id, string Name, TeamId? FallbackTeam = null);
