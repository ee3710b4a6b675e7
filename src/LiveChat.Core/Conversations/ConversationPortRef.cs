using LiveChat.Core.Internal;

namespace LiveChat.Core.Conversations;

/// <summary>
/// The services' handle on the <see cref="IConversationPort"/>, resolved on first use (the default port is built from
/// the services themselves). <see cref="Remote"/> is <see langword="null"/> for the default, so the single-process path
/// runs the command where it is with no extra step.
/// </summary>
internal sealed class ConversationPortRef(IServiceProvider services)
{
    private IConversationPort? _port;

    /// <summary>The port when it runs commands elsewhere; <see langword="null"/> when it is <see cref="InProcessConversations"/>.</summary>
    /// <exception cref="EngineStoppedException">First asked for after the engine's container was disposed.</exception>
    public IConversationPort? Remote
    {
        get
        {
            var port = _port ??= Resolve();
            return port is InProcessConversations ? null : port;
        }
    }

    private IConversationPort Resolve()
    {
        try
        {
            return (IConversationPort)(services.GetService(typeof(IConversationPort)) ?? throw new InvalidOperationException("No IConversationPort is registered."));
        }
        catch (ObjectDisposedException)
        {
            // The first command after the disposal: refused as every later one is, not with the container's own error.
            throw new EngineStoppedException();
        }
    }

    /// <summary>Checks the ids a command travels with, before it travels; returns <paramref name="workspace"/>.</summary>
    /// <exception cref="ArgumentException">The workspace or conversation is undefined.</exception>
    public static WorkspaceId CheckIds(WorkspaceId workspace, ConversationId conversationId)
    {
        Guard.Defined(conversationId);
        return Guard.Defined(workspace);
    }

    /// <summary>Checks the ids an agent's command travels with, before it travels; returns <paramref name="workspace"/>.</summary>
    /// <exception cref="ArgumentException">The workspace, conversation or agent is undefined.</exception>
    public static WorkspaceId CheckIds(WorkspaceId workspace, ConversationId conversationId, Agents.AgentId agentId)
    {
        Guard.Defined(agentId);
        return CheckIds(workspace, conversationId);
    }
}
