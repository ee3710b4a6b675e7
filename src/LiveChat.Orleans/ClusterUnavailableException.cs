using LiveChat.Core;

namespace LiveChat.Orleans;

/// <summary>
/// A call to another server of the cluster did not complete (feature X7): the silo that holds the grain it needed died
/// or stopped answering, and retrying through the failure-detection window (<c>FrontDoorRetry</c>) did not get an
/// answer either. Orleans' own exception (<c>SiloUnavailableException</c>, <c>OrleansMessageRejectionException</c>, a
/// response <see cref="TimeoutException"/>) is the <see cref="Exception.InnerException"/>; no Orleans type reaches a host
/// otherwise. What the call stored before the failure stays stored (the store is the source of truth); retry later, with
/// the same idempotency key where the call takes one (HTTP 503).
/// </summary>
public sealed class ClusterUnavailableException : LiveChatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="innerException">Orleans' failure.</param>
    public ClusterUnavailableException(Exception innerException)
        : base("A server of the cluster did not answer, even after retries; see the inner exception.", innerException)
    {
    }

    /// <inheritdoc />
    public override LiveChatErrorCategory Category => LiveChatErrorCategory.Unavailable;

    /// <summary>Whether <paramref name="exception"/> is a failure of the cluster's messaging rather than the call's own answer.</summary>
    internal static bool IsClusterFailure(Exception exception) => exception is OrleansException or TimeoutException;
}
