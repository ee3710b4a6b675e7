namespace LiveChat.Core.Conversations;

/// <summary>What a host knows when a visitor opens the chat.</summary>
public sealed record StartConversationRequest
{
    /// <summary>The channel, such as <c>webchat</c> (the default), <c>instagram</c> or <c>telegram</c>; at most 64 characters.</summary>
    public string Channel { get; init; } = "webchat";

    /// <summary>The visitor's name, if known; otherwise <see cref="LiveChatOptions.DefaultVisitorName"/>. At most 200 characters.</summary>
    public string? VisitorName { get; init; }
}
