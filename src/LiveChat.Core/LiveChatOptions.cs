using System.Threading.Channels;

namespace LiveChat.Core;

/// <summary>Settings of the SDK, bound with <c>services.AddLiveChat(o => …)</c> and validated when the host starts (feature X1).</summary>
public sealed class LiveChatOptions
{
    /// <summary>The longest message, in characters. Default 4,000; from 1 to 100,000.</summary>
    public int MaxMessageLength { get; set; } = 4000;

    /// <summary>The bot's name, shown to the visitor until an agent joins (feature C4). Default "Assistant".</summary>
    public string BotDisplayName { get; set; } = "Assistant";

    /// <summary>The visitor's name until they introduce themselves. Default "Visitor".</summary>
    public string DefaultVisitorName { get; set; } = "Visitor";

    /// <summary>
    /// Whether a visitor's request for a human is assigned at once to the first online agent with free capacity.
    /// When <see langword="false"/>, requests wait in the Unassigned folder for an agent to claim them. Default <see langword="true"/>.
    /// </summary>
    public bool AutoAssign { get; set; } = true;

    /// <summary>The most items one inbox page may hold. Default 100; from 1 to 1,000.</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>How many events each in-process subscriber buffers. Default 1,024; from 1 to 1,000,000.</summary>
    public int EventBufferCapacity { get; set; } = 1024;

    /// <summary>
    /// What happens when an in-process subscriber's buffer is full. Default <see cref="BoundedChannelFullMode.DropOldest"/>:
    /// a slow subscriber loses its oldest events instead of slowing the chat. See <see cref="Transport.ChannelEventHub"/>.
    /// </summary>
    public BoundedChannelFullMode EventBufferFullMode { get; set; } = BoundedChannelFullMode.DropOldest;
}
