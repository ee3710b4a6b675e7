using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.Core.Storage;

/// <summary>Whose read cursor: the conversation's visitor, or one agent (feature C8).</summary>
public readonly record struct ReaderId
{
    private ReaderId(SenderKind kind, AgentId? agentId)
    {
        Kind = kind;
        AgentId = agentId;
    }

    /// <summary>The conversation's visitor.</summary>
    public static ReaderId Visitor { get; } = new(SenderKind.Visitor, null);

    /// <summary><see cref="SenderKind.Visitor"/> or <see cref="SenderKind.Agent"/>.</summary>
    public SenderKind Kind { get; }

    /// <summary>The agent, for an agent's cursor.</summary>
    public AgentId? AgentId { get; }

    /// <summary>An agent's cursor.</summary>
    public static ReaderId Agent(AgentId agentId) => new(SenderKind.Agent, agentId);

    /// <summary>Whether <paramref name="message"/> was written by this reader; one's own messages are never unread.</summary>
    public bool Wrote(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Sender.Kind == Kind && message.Sender.AgentId == AgentId;
    }

    /// <summary>A stable text key, for stores that persist cursors: <c>visitor</c> or <c>agent:{id}</c>.</summary>
    public override string ToString() => Kind == SenderKind.Visitor ? "visitor" : $"agent:{AgentId}";
}
