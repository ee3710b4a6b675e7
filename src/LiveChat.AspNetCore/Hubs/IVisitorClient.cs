using LiveChat.AspNetCore.Wire;

namespace LiveChat.AspNetCore.Hubs;

/// <summary>
/// What the visitor hub sends to a visitor's connection (features W1, W2, W6): only that visitor's conversation, and only
/// what a visitor may see. The method names are the SignalR client method names (<c>connection.On("MessageReceived", …)</c>).
/// </summary>
public interface IVisitorClient
{
    /// <summary>A message of the conversation, each exactly once and in sequence order after a start or resume.</summary>
    Task MessageReceived(WireMessage message);

    /// <summary>The conversation's state changed: an agent joined, it was queued, it ended.</summary>
    Task StateChanged(VisitorState state);

    /// <summary>The bot asks to show a form (feature P7).</summary>
    Task FormRequested(VisitorFormRequest form);

    /// <summary>The agent started or stopped typing.</summary>
    Task Typing(TypingIndicator typing);
}
