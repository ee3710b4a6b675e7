namespace LiveChat.Core.Internal;

/// <summary>
/// Work the engine runs once when it starts, off the caller's path, as <see cref="BackgroundWork"/>: re-arming the due
/// work a stopped process left in the store (offer expiry, the presence grace, unread-reply windows, timed cards).
/// </summary>
/// <remarks>Registered with <c>TryAddEnumerable</c>; implementations must be idempotent and thread-safe.</remarks>
internal interface ILiveChatStartTask
{
    /// <summary>Runs the task; <paramref name="cancellationToken"/> is cancelled when the engine stops.</summary>
    ValueTask RunAsync(CancellationToken cancellationToken);
}
