using LiveChat.Core;

namespace LiveChat.AspNetCore;

/// <summary>
/// What a public widget key stands for (features W1, W7): the workspace its visitors chat with and the web pages allowed
/// to embed it. Configure one per key in <see cref="LiveChatAspNetCoreOptions.Widgets"/>. Not thread-safe while being
/// configured; read-only once the host has started.
/// </summary>
public sealed class LiveChatWidget
{
    /// <summary>The workspace a visitor who presents the key chats with. Required.</summary>
    public WorkspaceId Workspace { get; set; }

    /// <summary>
    /// The origins (scheme, host and port, such as <c>https://www.example.com</c>) whose pages may open the chat. A browser
    /// request from any other origin is refused with <see cref="LiveChatHubErrors.Forbidden"/>. A request without an
    /// <c>Origin</c> header, which only a non-browser client sends, is accepted: the list keeps other websites from
    /// embedding your key, it does not authenticate. A page of the hub's own origin (scheme, host and port of the request)
    /// is always allowed: the host's own site needs no entry. At least one is required.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];
}
