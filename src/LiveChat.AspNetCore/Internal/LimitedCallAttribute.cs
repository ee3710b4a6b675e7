namespace LiveChat.AspNetCore.Internal;

/// <summary>Marks a hub method as rate-limited by <see cref="VisitorRateLimits"/> (feature W7); read by <see cref="LiveChatHubFilter"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class LimitedCallAttribute(bool start) : Attribute
{
    /// <summary>Whether the call starts a conversation (per-IP start limit) rather than posting (per-connection and per-IP post limits).</summary>
    public bool Start { get; } = start;
}
