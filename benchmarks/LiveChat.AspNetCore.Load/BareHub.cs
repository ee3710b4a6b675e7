using Microsoft.AspNetCore.SignalR;

namespace LiveChat.AspNetCore.Load;

/// <summary>The baseline: a hub that relays a visitor's message to the conversation's group, with nothing behind it.</summary>
public sealed class BareHub : Hub
{
    public Task Join(string conversationId) => Groups.AddToGroupAsync(Context.ConnectionId, conversationId);

    public Task Post(string conversationId, string text)
        => Clients.Group(conversationId).SendAsync("MessageReceived", new { conversationId, text });
}
