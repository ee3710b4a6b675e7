using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Transport;

namespace Chk18c;

public static class H
{
    public static AgentId A(string id) => new(id);

    public static int Count(this Cluster c, ConversationId id, string agent, AgentNotificationKind kind) =>
        c.Notes.Count(n => n.ConversationId == id && n.AgentId == A(agent) && n.Kind == kind);

    public static int CountAnyAgent(this Cluster c, ConversationId id, AgentNotificationKind kind) =>
        c.Notes.Count(n => n.ConversationId == id && n.Kind == kind);

    public static string Describe(this Cluster c, ConversationId id) =>
        string.Join("; ", c.Notes.Where(n => n.ConversationId == id).Select(n => $"{n.Kind}->{n.AgentId.Value}@{n.OccurredAt:HH:mm:ss}"));

    public static async Task<Agent> AgentAsync(this Cluster c, Server via, string agent) => await via.Chat.Agents.GetAsync(c.Ws, A(agent));

    public static async Task<AgentId?> OwnerAsync(this Cluster c, Server via, ConversationId id) => (await c.GetAsync(via, id)).AssignedAgentId;

    public static async Task<ConversationId> QueueAsync(this Cluster c, Server via, LiveChat.Core.Routing.RoutingTarget? target = null)
    {
        var (conv, token) = await c.StartConversationAsync(via);
        await via.Chat.Visitors.RequestAgentAsync(c.Ws, conv.Id, token, target ?? LiveChat.Core.Routing.RoutingTarget.Workspace);
        return conv.Id;
    }

}
