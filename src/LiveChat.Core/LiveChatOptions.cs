using System.Threading.Channels;
using LiveChat.Core.Email;
using LiveChat.Core.Routing;

namespace LiveChat.Core;

/// <summary>Settings of the SDK, bound with <c>services.AddLiveChat(o => …)</c> and validated when the host starts (feature X1).</summary>
public sealed class LiveChatOptions
{
    /// <summary>The longest message, in characters. Default 4,000; from 1 to 100,000.</summary>
    public int MaxMessageLength { get; set; } = 4000;

    /// <summary>The bot's name, shown to the visitor until an agent joins (feature C4). Default "Assistant".</summary>
    public string BotDisplayName { get; set; } = "Assistant";

    /// <summary>
    /// The visitor's name until they introduce themselves, the same in every language. Default <see langword="null"/>:
    /// the catalogue's <see cref="Texts.SystemText.Visitor"/> in the conversation's language ("Visitor", "Visiteur"…).
    /// </summary>
    public string? DefaultVisitorName { get; set; }

    /// <summary>How requests for an agent are routed: mode, strategy, offer lease, presence and requeue (features R1–R8).</summary>
    public RoutingOptions Routing { get; } = new();

    /// <summary>E-mail to visitors: sender, language, outbox retries and the unread-reply window (features E2–E6).</summary>
    public EmailOptions Email { get; } = new();

    /// <summary>The most items one inbox page may hold. Default 100; from 1 to 1,000.</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>
    /// The key that seals inbox continuation tokens (feature C5): 32 random bytes in base64, such as the output of
    /// <c>openssl rand -base64 32</c>. Default <see langword="null"/>: a random key per process, so a token works only in
    /// the process that made it, until it restarts; elsewhere it is refused with <see cref="ArgumentException"/> and the
    /// client starts again from the first page. Set the same key on every host process that shares a database, so
    /// that a page fetched from one continues on another. Keep it secret like any other key; changing it only ends
    /// paging in progress.
    /// </summary>
    public string? PagingKey { get; set; }

    /// <summary>How many events each in-process subscriber buffers. Default 1,024; from 1 to 1,000,000.</summary>
    public int EventBufferCapacity { get; set; } = 1024;

    /// <summary>
    /// What happens when an in-process subscriber's buffer is full. Default <see cref="BoundedChannelFullMode.DropOldest"/>:
    /// a slow subscriber loses its oldest events instead of slowing the chat. See <see cref="Transport.ChannelEventHub"/>.
    /// </summary>
    public BoundedChannelFullMode EventBufferFullMode { get; set; } = BoundedChannelFullMode.DropOldest;

    /// <summary>
    /// How long a process trusts its copy of a workspace's settings (identity, e-mail, texts) and active playbook before it
    /// reads them from the store again: what another process over the same database changed is used here at most this
    /// long after (a synchronous reader such as <c>GetSettings</c> or a system text may use the older copy until the refresh
    /// it started completes, so that it never waits for the store). Default 5 s; <see cref="TimeSpan.Zero"/> reads the
    /// store on every use. Changes made in this process are used at once. Measured on the engine's <see cref="TimeProvider"/>. From zero to one hour.
    /// </summary>
    public TimeSpan WorkspaceCacheDuration { get; set; } = TimeSpan.FromSeconds(5);
}
