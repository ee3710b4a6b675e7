using LiveChat.AspNetCore.Wire;

namespace LiveChat.AspNetCore.Hubs;

/// <summary>
/// What the agent hub sends to an agent's connections (features W1, W4, N1). The method names are the SignalR client
/// method names.
/// </summary>
public interface IAgentClient
{
    /// <summary>A message of a conversation the connection opened, each exactly once and in sequence order.</summary>
    Task MessageReceived(WireMessage message);

    /// <summary>A conversation of the agent's workspace started or changed state, owner or offer: refresh the folders.</summary>
    Task ConversationChanged(AgentConversation conversation);

    /// <summary>A notification for this agent (feature N1), sent to every one of their connections.</summary>
    Task Notified(AgentAlert alert);

    /// <summary>The visitor of an opened conversation started or stopped typing.</summary>
    Task Typing(TypingIndicator typing);
}
