using System.Security.Claims;

namespace LiveChat.AspNetCore;

/// <summary>
/// Tells the agent hub who an authenticated user is (features W1, X2). The default reads two claims,
/// <see cref="LiveChatAspNetCoreOptions.WorkspaceClaimType"/> and <see cref="LiveChatAspNetCoreOptions.AgentIdClaimType"/>;
/// register your own singleton to map users another way. Implementations must be thread-safe.
/// </summary>
public interface ILiveChatAgentResolver
{
    /// <summary>The agent <paramref name="user"/> is, or <see langword="null"/> when they are none: the connection is refused.</summary>
    /// <param name="user">The connection's user, authenticated by the host's ASP.NET Core authentication.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<LiveChatAgentIdentity?> ResolveAsync(ClaimsPrincipal user, CancellationToken cancellationToken);
}
