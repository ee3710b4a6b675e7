namespace LiveChat.AspNetCore;

/// <summary>
/// The stable error codes of the hub contract (features W1, W7). A refused hub call fails with a SignalR
/// <c>HubException</c> whose message is one of these codes, a colon and a text, such as <c>not_found: Not found.</c>.
/// SignalR's clients put their own prefix before it (<c>An unexpected error occurred invoking 'Post' on the server.
/// HubException: not_found: Not found.</c>): read the code after the last <c>HubException: </c>, never the text.
/// </summary>
/// <remarks>Every <c>LiveChatException.Category</c> maps to exactly one code, in one place. Thread-safe (constants).</remarks>
public static class LiveChatHubErrors
{
    /// <summary>
    /// No such conversation, contact or record in the caller's workspace, or the caller may not see it: a wrong visitor
    /// token, another workspace's widget key or conversation. The text never says which.
    /// </summary>
    public const string NotFound = "not_found";

    /// <summary>The current state refuses the call: the conversation ended, another agent claimed it, an offer expired.</summary>
    public const string Conflict = "conflict";

    /// <summary>The caller is known but may not do this: not the assigned agent, or an origin not allowed for the widget key.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>The input is invalid: empty, too long, invalid UTF-16, a malformed id. Nothing changed.</summary>
    public const string Invalid = "invalid";

    /// <summary>The store is unavailable; retry later.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>Too many calls from this connection or IP address in the rate-limit window; retry after it. Other conversations are unaffected.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>The agent hub could not tell who the caller is: not authenticated, or not a registered agent of the workspace.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>A visitor call came before <c>Start</c> or <c>Resume</c> named the conversation.</summary>
    public const string NoSession = "no_session";
}
