using LiveChat.Core;
using LiveChat.Core.Agents;

namespace LiveChat.AspNetCore;

/// <summary>Who an agent hub connection is: the agent and their workspace, as an <see cref="ILiveChatAgentResolver"/> found them.</summary>
/// <param name="Workspace">The workspace every call of the connection acts in; nothing of another workspace is reachable.</param>
/// <param name="AgentId">The registered agent.</param>
public readonly record struct LiveChatAgentIdentity(WorkspaceId Workspace, AgentId AgentId);
