using Microsoft.AspNetCore.Http;

namespace LiveChat.AspNetCore;

/// <summary>
/// Settings of the web transport (features W1, W2, W5, W7), set with <c>AddAspNetCore(o =&gt; …)</c> and validated when
/// the host starts. Not thread-safe while being configured; read-only once the host has started.
/// </summary>
public sealed class LiveChatAspNetCoreOptions
{
    /// <summary>
    /// The public widget keys, each naming a workspace and the origins allowed to embed it. A key is public: it is in your
    /// web page. At least one is required; a key is 1 to 128 characters without control characters or white space.
    /// </summary>
    public IDictionary<string, LiveChatWidget> Widgets { get; } = new Dictionary<string, LiveChatWidget>(StringComparer.Ordinal);

    /// <summary>The claim type that names an agent's workspace, read by the default agent resolver. Default <c>livechat:workspace</c>.</summary>
    public string WorkspaceClaimType { get; set; } = "livechat:workspace";

    /// <summary>The claim type that names the agent's id, read by the default agent resolver. Default <c>livechat:agent</c>.</summary>
    public string AgentIdClaimType { get; set; } = "livechat:agent";

    /// <summary>
    /// The name of the HttpOnly cookie that carries a browser visitor's credential, set by the session endpoint. Default
    /// <c>livechat_visitor</c>.
    /// </summary>
    public string CookieName { get; set; } = "livechat_visitor";

    /// <summary>The cookie's SameSite mode. Default <see cref="SameSiteMode.Lax"/>; <see cref="SameSiteMode.None"/> needs HTTPS.</summary>
    public SameSiteMode CookieSameSite { get; set; } = SameSiteMode.Lax;

    /// <summary>How long the visitor cookie lives. Default 30 days; from 1 minute to 400 days.</summary>
    public TimeSpan CookieLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// The largest message a client may send to a hub, in bytes (SignalR's <c>MaximumReceiveMessageSize</c>); a larger
    /// one closes that connection and changes nothing. Default 32,768; from 4,096 to 1,048,576.
    /// </summary>
    public long MaxMessageBytes { get; set; } = 32 * 1024;

    /// <summary>
    /// How often the hub records a heartbeat for an agent with at least one open connection (feature W5). Must be shorter
    /// than <c>LiveChatOptions.Routing.PresenceTimeout</c>, which is the presence grace once every connection is gone.
    /// Default 20 s; at least 1 s.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The rate-limit window of <see cref="PostsPerConnection"/>, <see cref="PostsPerIp"/> and <see cref="StartsPerIp"/>. Default 10 s; from 1 s to 1 hour.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many rate-limited calls (posts, forms, transcripts, agent requests) one visitor connection may make per window. Default 10; at least 1.</summary>
    public int PostsPerConnection { get; set; } = 10;

    /// <summary>How many rate-limited visitor calls one client IP address may make per window, all its connections together. Default 60; at least 1.</summary>
    public int PostsPerIp { get; set; } = 60;

    /// <summary>How many conversations one client IP address may start per window. Default 10; at least 1.</summary>
    public int StartsPerIp { get; set; } = 10;

    /// <summary>How many conversations one agent connection may follow at once (<c>OpenConversation</c>). Default 200; from 1 to 10,000.</summary>
    public int MaxOpenConversationsPerAgentConnection { get; set; } = 200;
}
