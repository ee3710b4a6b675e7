using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using Microsoft.Extensions.Logging;

namespace LiveChat.Core.Internal;

/// <summary>Finds the agent behind an agent-side call, so that every such call is made by a registered agent of the workspace.</summary>
internal sealed class AgentResolver(IAgentStore agents, ILogger<AgentResolver> logger)
{
    public async ValueTask<Agent> RequireAsync(WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken)
    {
        Guard.Defined(workspace);
        Guard.Defined(agentId);
        return await agents.FindAgentAsync(workspace, agentId, cancellationToken).ConfigureAwait(false)
            ?? throw new AgentNotFoundException(workspace, agentId);
    }

    public void Skipped(AgentId agentId, ConversationId conversationId, string reason) => Log.AgentSkipped(logger, agentId, conversationId, reason);
}
