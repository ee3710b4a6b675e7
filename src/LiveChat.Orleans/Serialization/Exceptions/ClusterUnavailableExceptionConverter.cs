namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>
/// Carries <see cref="ClusterUnavailableException"/> across grain boundaries with Orleans' failure inside: a grain whose
/// own call to another grain gave up (a conversation grain asking the router) answers its caller with it, as itself.
/// </summary>
[RegisterConverter]
internal sealed class ClusterUnavailableExceptionConverter : ExceptionConverter<ClusterUnavailableException>
{
    /// <inheritdoc />
    protected override object?[] Values(ClusterUnavailableException exception) => [];

    /// <inheritdoc />
    protected override ClusterUnavailableException Restore(object?[] values, Exception? inner)
        => new(inner ?? new TimeoutException("The cluster's failure did not survive the trip between servers."));
}
