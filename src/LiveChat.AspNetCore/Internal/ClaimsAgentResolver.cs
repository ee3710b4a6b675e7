using System.Globalization;
using System.Security.Claims;
using LiveChat.Core;
using LiveChat.Core.Agents;
using Microsoft.Extensions.Options;

namespace LiveChat.AspNetCore.Internal;

/// <summary>The default <see cref="ILiveChatAgentResolver"/>: an authenticated user with both configured claims, well formed.</summary>
internal sealed class ClaimsAgentResolver(IOptions<LiveChatAspNetCoreOptions> options) : ILiveChatAgentResolver
{
    public ValueTask<LiveChatAgentIdentity?> ResolveAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var o = options.Value;
        return ValueTask.FromResult<LiveChatAgentIdentity?>(
            user.Identity?.IsAuthenticated == true
            && WorkspaceId.TryParse(user.FindFirst(o.WorkspaceClaimType)?.Value, CultureInfo.InvariantCulture, out var workspace)
            && AgentId.TryParse(user.FindFirst(o.AgentIdClaimType)?.Value, CultureInfo.InvariantCulture, out var agent)
                ? new LiveChatAgentIdentity(workspace, agent)
                : null);
    }
}
