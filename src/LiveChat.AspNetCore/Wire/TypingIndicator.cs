namespace LiveChat.AspNetCore.Wire;

/// <summary>Someone is typing, or stopped (feature W6). Relayed to the other side's open connections, never stored. Part of the hub contract: serialized as JSON with camelCase names; immutable.</summary>
/// <param name="ConversationId">The conversation id.</param>
/// <param name="Sender"><c>visitor</c> or <c>agent</c>.</param>
/// <param name="DisplayName">The agent's name as the visitor sees it; empty for the visitor, whose name agents have from the conversation.</param>
/// <param name="IsTyping">Whether they are typing now.</param>
public sealed record TypingIndicator(
    string ConversationId,
    string Sender,
    string DisplayName,
    bool IsTyping);
