namespace LiveChat.Core.Identity;

/// <summary>A channel's chat-tracking switches (feature I2), both on by default as in Bitrix24. Immutable.</summary>
public sealed record ChannelTracking
{
    /// <summary>Both switches on, no channel-specific region.</summary>
    public static ChannelTracking Default { get; } = new();

    /// <summary>"Check client in CRM": look for the client among known contacts and CRM records before creating a lead.</summary>
    public bool CheckClientInCrm { get; init; } = true;

    /// <summary>"Enable chat tracking": resolve this channel's conversations to contacts at all.</summary>
    public bool EnableChatTracking { get; init; } = true;

    /// <summary>The region for phone numbers without a country code on this channel; overrides the workspace's.</summary>
    public string? DefaultRegion { get; init; }
}
