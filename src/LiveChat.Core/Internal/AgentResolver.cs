using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Storage;
using Microsoft.Extensions.Logging;

namespace LiveChat.Core.Internal;

/// <summary>Finds the agent behind an agent-side call, so that every such call is made by a registered agent of the workspace.</summary>
internal sealed class AgentResolver(IAgentStore agents, ILogger<AgentResolver> logger)
{
    /// <summary>
    /// The registered agent, or <see cref="AgentNotFoundException"/> (in the returned task, like an async method). A store
    /// that answers synchronously (the embedded one) costs no async state machine here: most agent-side commands call it.
    /// </summary>
    /// <exception cref="ArgumentException">The workspace or agent id is undefined.</exception>
    public ValueTask<Agent> RequireAsync(WorkspaceId workspace, AgentId agentId, CancellationToken cancellationToken)
    {
        Guard.Defined(workspace);
        Guard.Defined(agentId);
        var found = agents.FindAgentAsync(workspace, agentId, cancellationToken);
        return !found.IsCompletedSuccessfully ? AwaitedAsync(found, workspace, agentId)
            : found.Result is { } agent ? new ValueTask<Agent>(agent)
            : ValueTask.FromException<Agent>(new AgentNotFoundException(workspace, agentId));

        static async ValueTask<Agent> AwaitedAsync(ValueTask<Agent?> found, WorkspaceId workspace, AgentId agentId)
            => await found.ConfigureAwait(false) ?? throw new AgentNotFoundException(workspace, agentId);
    }

    public void Skipped(AgentId agentId, ConversationId conversationId, string reason) => Log.AgentSkipped(logger, agentId, conversationId, reason);
}
